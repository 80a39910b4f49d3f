/** Public surface of `core/http`: the request function, its retry policy, redaction and the URL guard. */
export { createHttpClient } from "./request.js";
export type {
  HttpClient,
  HttpClientDeps,
  HttpLogger,
  HttpMethod,
  HttpRequest,
  HttpResponse,
} from "./request.js";
export {
  DEFAULT_RATE_LIMIT_WAIT_MS,
  bodyExcerpt,
  defaultClassify,
  parseRetryAfter,
} from "./classify.js";
export type { Classify, ClassifyInput } from "./classify.js";
export type { FormBody, QueryParams } from "./encode.js";
export { CONNECT_FAILED, RETRY_DEFAULTS, retryPolicy, withRetry } from "./retry-policy.js";
export type {
  RetryDecision,
  RetryEvent,
  RetryPolicy,
  RetryPolicyOptions,
  WithRetryOptions,
} from "./retry-policy.js";
export { isSecretKey, pinoRedactPaths, redactObject, redactText, redactUrl } from "./redact.js";
export { REDACTED, Secret, isSecret } from "./secret.js";
export { abortReason, isAbortError, sleep } from "./sleep.js";
export type { Sleep } from "./sleep.js";
export { checkUserUrl } from "./url-guard.js";
export type { HostLookup, ResolvedAddress, UrlGuardCode, UrlGuardOptions } from "./url-guard.js";
export { isForbiddenAddress } from "./ip-ranges.js";
