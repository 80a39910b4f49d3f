/**
 * Reading many rows in few requests.
 *
 * `listPages`: one `batch` of 50 chained list commands, each starting after the last
 * `ID` of the previous one through a `$result[p<i-1>][49][ID]` reference, with
 * `start=-1` (no COUNT) and `order[ID]=ASC`: up to 2,500 rows per request; a page of
 * fewer than 50 rows is the end. https://apidocs.bitrix24.com/settings/performance/huge-data.html,
 * https://apidocs.bitrix24.com/settings/how-to-call-rest-api/batch.html
 *
 * `collect`: many independent filtered lists (`@ID` chunks, origin look-ups) 50 per
 * request, following up any list that filled its page of 50.
 */
import { z } from "zod";
import { isPereezdError, transientError } from "../../errors.js";
import { retryPolicy, withRetry } from "../../http/retry-policy.js";
import type { CallKind } from "../../metering/call-usage.js";
import type { Bitrix24Client, Command, CommandOutcome } from "./client.js";
import { BATCH_LIMIT } from "./client.js";
import { isCommandError } from "./errors.js";
import type { PhpValue } from "./php-query.js";
import { idSchema, type Row } from "./wire.js";

/** Rows a legacy list returns per call. */
export const PAGE_SIZE = 50;

export interface ChainSpec {
  method: string;
  /** Params of one page after `cursor`: a literal id or a `$result[…]` reference. */
  params: (cursor: string) => Readonly<Record<string, PhpValue>>;
  /** The row's id key, `ID`. */
  idKey?: string;
  kind: CallKind;
}

export interface PagesChunk {
  rows: Row[];
  /** The id after which to continue (unchanged when nothing was read). */
  cursor: string;
  /** True once a page came back short: nothing after `cursor`. */
  done: boolean;
}

/**
 * Re-issues a request whose commands were refused for load (`OPERATION_TIME_LIMIT`
 * inside a batch). The wait itself is the limiter's (the client blocked the method
 * there); the one retry policy of core/http caps the attempts and the wait.
 */
export function againWhenRefused<T>(
  client: Bitrix24Client,
  fn: () => Promise<T>,
  signal: AbortSignal,
): Promise<T> {
  return withRetry(fn, {
    policy: (error, attempt) =>
      isCommandError(error) && isPereezdError(error, "rate_limited")
        ? retryPolicy(error, attempt, client.retry)
        : { retry: false },
    sleep: async () => undefined,
    signal,
  });
}

const itemsSchema = z.object({ items: z.unknown() }).loose();

/**
 * Rows checked as objects but not copied: `z.record` would copy each of a
 * page's 2,500 rows key by key, several MB of garbage per page read.
 */
const rowsSchema = z.array(
  z.custom<Row>((value) => typeof value === "object" && value !== null && !Array.isArray(value)),
);

/** One batch, sent again while any of its commands is refused for load (see above). */
export function batchAgainWhenRefused(
  client: Bitrix24Client,
  commands: readonly Command[],
  options: { kind: CallKind; signal: AbortSignal },
): Promise<Map<string, CommandOutcome>> {
  return againWhenRefused(
    client,
    async () => {
      const answer = await client.batch(commands, options);
      for (const outcome of answer.values()) {
        if (!outcome.ok && isPereezdError(outcome.error, "rate_limited")) throw outcome.error;
      }
      return answer;
    },
    options.signal,
  );
}

/** The rows of a list answer; `crm.item.list` nests them under `items`. */
export function rowsOf(outcome: CommandOutcome, host: string, method: string): Row[] {
  if (!outcome.ok) throw outcome.error;
  const wrapped = itemsSchema.safeParse(outcome.result);
  const parsed = rowsSchema.safeParse(wrapped.success ? wrapped.data.items : outcome.result);
  if (!parsed.success) {
    throw transientError(`Bitrix24 portal ${host} sent unexpected rows for ${method}`, {
      code: "unexpected_answer",
      details: { host, apiMethod: method },
    });
  }
  return parsed.data;
}

function idOf(row: Row, idKey: string): string {
  const id = idSchema.safeParse(row[idKey]);
  return id.success ? id.data : "";
}

/** One request of up to 2,500 rows after `cursor` (see the module comment). */
export async function listPages(
  client: Bitrix24Client,
  spec: ChainSpec,
  cursor: string,
  signal: AbortSignal,
  pages = BATCH_LIMIT,
): Promise<PagesChunk> {
  const idKey = spec.idKey ?? "ID";
  const commands: Command[] = Array.from({ length: pages }, (_, i) => ({
    key: `p${i}`,
    method: spec.method,
    params: spec.params(i === 0 ? cursor : `$result[p${i - 1}][${PAGE_SIZE - 1}][${idKey}]`),
  }));
  const outcomes = await againWhenRefused(
    client,
    async () => {
      const answer = await client.batch(commands, { kind: spec.kind, signal });
      const first = answer.get("p0");
      if (first !== undefined && !first.ok) throw first.error;
      return answer;
    },
    signal,
  );
  const rows: Row[] = [];
  let last = cursor;
  for (const command of commands) {
    const outcome = outcomes.get(command.key);
    // A later command refused (e.g. its method got blocked): keep what came, resume from it.
    if (outcome === undefined || (!outcome.ok && rows.length > 0))
      return { rows, cursor: last, done: false };
    const page = rowsOf(outcome, client.host, spec.method);
    rows.push(...page);
    const tail = page.at(-1);
    if (tail !== undefined) last = idOf(tail, idKey);
    if (page.length < PAGE_SIZE) return { rows, cursor: last, done: true };
  }
  return { rows, cursor: last, done: false };
}

/**
 * Runs independent list queries (each already filtered, ordered by `ID` ascending),
 * 50 per request, and returns all rows. A query whose page filled up is asked again
 * after its last `ID`, so none is cut at 50.
 */
export async function collect(
  client: Bitrix24Client,
  method: string,
  queries: ReadonlyArray<Readonly<Record<string, PhpValue>>>,
  options: {
    kind: CallKind;
    signal: AbortSignal;
    idKey?: string;
    /** False when a query cannot match more than one page (≤ 50 distinct ids). */
    followUp?: boolean;
  },
): Promise<Row[]> {
  const idKey = options.idKey ?? "ID";
  const rows: Row[] = [];
  let queue = queries.map((params) => ({ params, after: null as string | null }));
  while (queue.length > 0) {
    const chunk = queue.slice(0, BATCH_LIMIT);
    queue = queue.slice(BATCH_LIMIT);
    const commands: Command[] = chunk.map((q, i) => ({
      key: `q${i}`,
      method,
      params: q.after === null ? q.params : withAfter(q.params, idKey, q.after),
    }));
    const outcomes = await againWhenRefused(
      client,
      async () => {
        const answer = await client.batch(commands, { kind: options.kind, signal: options.signal });
        for (const outcome of answer.values()) if (!outcome.ok) throw outcome.error;
        return answer;
      },
      options.signal,
    );
    chunk.forEach((query, i) => {
      const outcome = outcomes.get(`q${i}`);
      if (outcome === undefined) return;
      const page = rowsOf(outcome, client.host, method);
      rows.push(...page);
      const tail = page.at(-1);
      if (options.followUp !== false && page.length >= PAGE_SIZE && tail !== undefined) {
        queue.push({ params: query.params, after: idOf(tail, idKey) });
      }
    });
  }
  return rows;
}

function withAfter(
  params: Readonly<Record<string, PhpValue>>,
  idKey: string,
  after: string,
): Record<string, PhpValue> {
  const filterKey = "filter" in params ? "filter" : "FILTER";
  const filter = params[filterKey];
  const base =
    filter !== null && typeof filter === "object" && !Array.isArray(filter) ? filter : {};
  return {
    ...params,
    [filterKey]: { ...(base as Record<string, PhpValue>), [`>${idKey}`]: after },
  };
}
