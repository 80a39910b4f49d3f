/**
 * Stores shared by separate worker processes in tests: the test process holds the
 * memory stores and answers repository calls that children send over the `fork`
 * IPC channel (`serialization: "advanced"` keeps Dates). Stands in for MongoDB,
 * which cannot run on the project machines (DESIGN.md §4).
 */
import type { ChildProcess } from "node:child_process";
import { PereezdError, type ErrorKind } from "../../../core/errors.js";
import type { Stores } from "../../../core/store/index.js";

interface CallMessage {
  kind: "store-call";
  id: number;
  repo: string | null;
  method: string;
  args: unknown[];
}
interface ResultMessage {
  kind: "store-result";
  id: number;
  ok: boolean;
  value?: unknown;
  error?: { message: string; kind?: ErrorKind; code?: string; details?: Record<string, unknown> };
}

const isCall = (m: unknown): m is CallMessage =>
  typeof m === "object" && m !== null && (m as CallMessage).kind === "store-call";
const isResult = (m: unknown): m is ResultMessage =>
  typeof m === "object" && m !== null && (m as ResultMessage).kind === "store-result";

type AnyFn = (...args: unknown[]) => Promise<unknown>;

/** Parent side: answers `child`'s store calls from `stores`. */
export function serveStores(child: ChildProcess, stores: Stores): void {
  child.on("message", (message: unknown) => {
    if (!isCall(message)) return;
    const repos = stores as unknown as Record<string, Record<string, AnyFn>>;
    const target =
      message.repo === null ? (stores as unknown as Record<string, AnyFn>) : repos[message.repo]!;
    const reply = (m: ResultMessage) => {
      if (child.connected) child.send(m);
    };
    Promise.resolve()
      .then(() => target[message.method]!.apply(target, message.args))
      .then(
        (value) => reply({ kind: "store-result", id: message.id, ok: true, value }),
        (error: unknown) =>
          reply({
            kind: "store-result",
            id: message.id,
            ok: false,
            error:
              error instanceof PereezdError
                ? {
                    message: error.message,
                    kind: error.kind,
                    ...(error.code ? { code: error.code } : {}),
                    ...(error.details ? { details: error.details } : {}),
                  }
                : { message: error instanceof Error ? error.message : String(error) },
          }),
      );
  });
}

const REPOS = [
  "customers",
  "connections",
  "migrations",
  "checkpoints",
  "idMap",
  "recordErrors",
  "usage",
  "conversations",
  "tickets",
  "waSessions",
] as const;

/** Child side: `Stores` whose every call goes to the parent. */
export function connectStores(): Stores {
  if (process.send === undefined) throw new Error("connectStores needs an IPC channel (fork)");
  let next = 0;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  process.on("message", (message: unknown) => {
    if (!isResult(message)) return;
    const w = waiting.get(message.id);
    if (w === undefined) return;
    waiting.delete(message.id);
    if (message.ok) w.resolve(message.value);
    else {
      const e = message.error!;
      w.reject(
        e.kind
          ? new PereezdError(e.kind, e.message, {
              ...(e.code ? { code: e.code } : {}),
              ...(e.details ? { details: e.details } : {}),
            })
          : new Error(e.message),
      );
    }
  });
  const call = (repo: string | null, method: string, args: unknown[]) =>
    new Promise<unknown>((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve, reject });
      process.send!({ kind: "store-call", id, repo, method, args } satisfies CallMessage);
    });
  const repo = (name: string) =>
    new Proxy(
      {},
      // `then` stays undefined so the repository is never mistaken for a promise.
      {
        get: (_t, method: string) =>
          method === "then" ? undefined : (...args: unknown[]) => call(name, method, args),
      },
    );
  const stores = Object.fromEntries(REPOS.map((name) => [name, repo(name)]));
  return {
    ...stores,
    ping: () => call(null, "ping", []),
    close: async () => undefined,
  } as unknown as Stores;
}
