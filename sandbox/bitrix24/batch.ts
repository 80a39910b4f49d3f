/**
 * The `batch` method: up to 50 commands `method?query` run in order in one HTTP
 * request, each with its own result, error, next, total and time.
 *
 * Docs: docs:settings/how-to-call-rest-api/batch.md (`halt`, `cmd` as object or array,
 * 50 commands, no nesting since rest 24.0.0, `result_error` per command with HTTP 200,
 * empty maps as `[]`), docs:limits.md (a batch is one request for the rate limit; each
 * command is charged to its own method). Mechanics:
 * srv:modules/rest/classes/general/rest_provider.php (`methodsBatch`): commands past
 * the 50th each get `ERROR_BATCH_LENGTH_EXCEEDED` and the loop goes on unless `halt`;
 * `download`/`upload` (and `batch` itself) get `ERROR_BATCH_METHOD_NOT_ALLOWED`;
 * `halt` is PHP-truthy (`halt=false` in a query string halts).
 */
import { ACCUMULATOR_KEYS, resolveReferences, type BatchAccumulator } from "./batch-references.js";
import type { ExecutionContext, Outcome } from "./dispatch.js";
import { executeMethod } from "./dispatch.js";
import type { MethodRegistry } from "./method-registry.js";
import type { MethodCall, MethodDefinition } from "./method-types.js";
import { RestError } from "./method-types.js";
import { parsePhpQuery } from "./request/php-query.js";
import { paramUpper, phpBool } from "./request/php-values.js";
import { splitReserved } from "./request/parse-request.js";
import { errorBody, timeBlock } from "./response/envelope.js";

/** Commands a batch may carry (`CRestUtil::BATCH_MAX_LENGTH`). */
export const BATCH_MAX_LENGTH = 50;

const NOT_IN_BATCH = new Set(["batch", "download", "upload"]);

/** `parse_url($call)`: path before `?`, query after it and before any `#`. */
function splitCommand(command: string): { method: string; query: string } {
  const withoutFragment = command.split("#")[0] ?? "";
  const mark = withoutFragment.indexOf("?");
  if (mark === -1) return { method: withoutFragment, query: "" };
  return { method: withoutFragment.slice(0, mark), query: withoutFragment.slice(mark + 1) };
}

/** PHP `json_encode` of an array: `[]` when empty, a list for keys 0..n-1, else an object. */
export function phpMap(map: Map<string, unknown>): unknown[] | Record<string, unknown> {
  const keys = [...map.keys()];
  if (keys.every((key, i) => key === String(i))) return [...map.values()];
  return Object.fromEntries(map);
}

function commandEntries(cmd: unknown): [string, unknown][] {
  if (Array.isArray(cmd)) return cmd.map((value, i) => [String(i), value]);
  if (cmd !== null && typeof cmd === "object") return Object.entries(cmd);
  return [];
}

/** The `batch` definition; commands run through `context()` of the current request. */
export function createBatchMethod(
  registry: MethodRegistry,
  contextOf: (call: MethodCall) => ExecutionContext,
): MethodDefinition {
  async function runCommand(
    call: MethodCall,
    raw: unknown,
    acc: BatchAccumulator,
  ): Promise<Outcome> {
    const context = contextOf(call);
    const startMs = context.clock.now();
    const { method, query } = splitCommand(typeof raw === "string" ? raw : "");
    const name = method.toLowerCase();
    const definition = registry.get(name);
    if (NOT_IN_BATCH.has(name) || definition?.batchAllowed === false) {
      const error = new RestError(
        "ERROR_BATCH_METHOD_NOT_ALLOWED",
        "Method is not allowed for batch usage",
        405,
      );
      return { ok: false, error };
    }
    if (!definition) {
      return {
        ok: false,
        error: new RestError("ERROR_METHOD_NOT_FOUND", "Method not found!", 404),
      };
    }
    const { params, start } = splitReserved(resolveReferences(parsePhpQuery(query), acc));
    return executeMethod(context, definition, {
      caller: call.caller,
      params,
      start,
      inBatch: true,
      startMs,
    });
  }

  return {
    name: "batch",
    scope: null,
    cost: 0,
    batchAllowed: false,
    async handler(call) {
      const halt = phpBool(paramUpper(call.params, "halt"));
      const acc = Object.fromEntries(
        ACCUMULATOR_KEYS.map((key) => [key, new Map<string, unknown>()]),
      ) as BatchAccumulator;
      let count = 0;
      for (const [key, raw] of commandEntries(paramUpper(call.params, "cmd"))) {
        const outcome: Outcome =
          count++ < BATCH_MAX_LENGTH
            ? await runCommand(call, raw, acc)
            : {
                ok: false,
                error: new RestError("ERROR_BATCH_LENGTH_EXCEEDED", "Max batch length exceeded"),
              };
        if (outcome.ok) {
          acc.result.set(key, outcome.value.result);
          if (outcome.value.next !== undefined) acc.next.set(key, outcome.value.next);
          if (outcome.value.total !== undefined) acc.total.set(key, outcome.value.total);
          acc.time.set(key, timeBlock(outcome.timing, call.portal.timeZone, outcome.operating));
        } else {
          acc.error.set(key, errorBody(outcome.error));
          if (halt) break;
        }
      }
      return {
        result: {
          result: phpMap(acc.result),
          result_error: phpMap(acc.error),
          result_total: phpMap(acc.total),
          result_next: phpMap(acc.next),
          result_time: phpMap(acc.time),
        },
      };
    },
  };
}
