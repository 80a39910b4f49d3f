/**
 * Errors as one line an operator can act on, and the exit code that goes with
 * them. Every line names what was wrong (the flag, the portal, the mapping path)
 * and passes through `redactText`, so a webhook code never reaches the terminal.
 */
import { ConfigError } from "../config/index.js";
import { isPereezdError, type PereezdError } from "../core/errors.js";
import { redactText } from "../core/http/index.js";
import type { MappingProblem } from "../core/mapping/index.js";
import { UsageError } from "./args.js";

export const EXIT = {
  ok: 0,
  failed: 1,
  badInput: 2,
  refused: 3,
  recordsFailed: 4,
  stopped: 75,
  config: 78,
} as const;

const FLAG: Record<string, string> = { source: "--from", target: "--to" };

const URL_TEXT: Record<string, string> = {
  url_malformed: "is not a valid link",
  url_not_https:
    "must be an https:// link (plain http would send the webhook code unencrypted; an operator may allow a local host with ALLOWED_PRIVATE_HOSTS)",
  url_private_address:
    "points to a private or local address; only public portals are reachable (an operator may allow a host with ALLOWED_PRIVATE_HOSTS)",
  url_unresolvable: "names a host that could not be resolved",
};

/** One mapping problem in English, with its path. */
export function describeProblem(p: MappingProblem): string {
  const params = p.params ?? {};
  const at = p.path === "" ? "" : `${p.path}: `;
  switch (p.code) {
    case "invalid_json": {
      const where =
        params.line === undefined ? "" : ` (line ${params.line}, column ${params.column})`;
      return `not valid JSON${where}`;
    }
    case "file_too_large":
      return `larger than ${params.limit} characters`;
    case "invalid_mapping":
      return `${at}${String(params.detail ?? params.issue ?? "not a valid mapping")}`;
    case "unknown_source_field":
      return `${at}the source has no field ${params.field}`;
    case "unknown_target_field":
      return `${at}the target has no field ${params.field}`;
    case "unknown_entity":
      return `${at}no ${params.entity} in the ${params.side}`;
    case "unknown_target_item":
      return `${at}the target list has no item ${params.item}`;
    case "unknown_user":
      return `${at}the target has no user ${params.user}`;
    default: {
      const detail = Object.entries(params)
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(", ");
      return `${at}${p.code.replaceAll("_", " ")}${detail === "" ? "" : ` (${detail})`}`;
    }
  }
}

/** Up to three problems on one line, with how many more there are. */
export function describeProblems(problems: readonly MappingProblem[]): string {
  const shown = problems.slice(0, 3).map(describeProblem).join("; ");
  const more = problems.length - 3;
  return more > 0 ? `${shown}; and ${more} more` : shown;
}

/** Answers that mean the link leads somewhere, but not to a Bitrix24 REST API. */
const NOT_BITRIX = (e: PereezdError) =>
  e.code === "non_json" ||
  e.code === "http_redirect" ||
  /^http_4\d\d$/.test(e.code ?? "") ||
  e.kind === "not_found";
const UNREACHABLE = new Set(["connect_failed", "network", "timeout"]);

function hostOf(error: PereezdError): string {
  const { host, url } = error.details ?? {};
  if (typeof host === "string") return host;
  try {
    return typeof url === "string" ? new URL(url).host : "the server";
  } catch {
    return "the server";
  }
}

const EXIT_BY_KIND: Record<PereezdError["kind"], number> = {
  auth: EXIT.refused,
  invalid_input: EXIT.badInput,
  config: EXIT.badInput,
  not_found: EXIT.badInput,
  conflict: EXIT.failed,
  rate_limited: EXIT.failed,
  transient: EXIT.failed,
};

function pereezdLine(
  error: PereezdError,
  mappingFile: string | undefined,
): { line: string; exitCode: number } {
  const side = typeof error.details?.side === "string" ? error.details.side : undefined;
  const flag = side === undefined ? undefined : FLAG[side];
  const exitCode = EXIT_BY_KIND[error.kind];
  const urlText = error.code === undefined ? undefined : URL_TEXT[error.code];
  if (urlText !== undefined) return { line: `${flag ?? "The link"} ${urlText}`, exitCode };
  if (error.code === "mapping_invalid") {
    const problems = (error.details?.problems ?? []) as MappingProblem[];
    const where = mappingFile ? ` in ${mappingFile}` : "";
    return {
      line: `The mapping${where} does not fit these portals: ${describeProblems(problems)}`,
      exitCode,
    };
  }
  if (flag !== undefined && NOT_BITRIX(error)) {
    const line = `${flag}: ${hostOf(error)} did not answer like a Bitrix24 portal (${error.message}); check the link`;
    return { line, exitCode: EXIT.badInput };
  }
  if (flag !== undefined && UNREACHABLE.has(error.code ?? "")) {
    return { line: `${flag}: cannot reach ${hostOf(error)} (${error.message})`, exitCode };
  }
  return { line: `${flag === undefined ? "" : `${flag}: `}${error.message}`, exitCode };
}

/** The line printed for `error` and the process's exit code. */
export function explain(error: unknown, mappingFile?: string): { line: string; exitCode: number } {
  if (error instanceof UsageError)
    return { line: `${error.message} (see --help)`, exitCode: EXIT.badInput };
  if (error instanceof ConfigError) {
    const problems = error.problems.map((p) => `${p.variable}: ${p.problem}`).join("; ");
    return { line: `The environment is not valid: ${problems}`, exitCode: EXIT.config };
  }
  if (isPereezdError(error)) {
    const { line, exitCode } = pereezdLine(error, mappingFile);
    return { line: redactText(line), exitCode };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { line: redactText(`Unexpected error: ${message}`), exitCode: EXIT.failed };
}
