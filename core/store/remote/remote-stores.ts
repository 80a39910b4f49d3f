/**
 * `Stores` whose every call runs in another process (see `store-server.ts`).
 * Errors come back with their kind, so a `conflict` stays a `conflict`.
 */
import { PereezdError, transientError, type ErrorKind } from "../../errors.js";
import type { Stores } from "../stores.js";
import { decode, encode } from "./codec.js";
import { REPOSITORIES, type RepositoryName } from "./store-server.js";

interface Reply {
  ok: boolean;
  value?: unknown;
  error?: { kind: ErrorKind | null; message: string; code?: string; details?: unknown };
}

export function createRemoteStores(url: string): Stores {
  const call = async (repo: RepositoryName, method: string, args: unknown[]): Promise<unknown> => {
    const body = JSON.stringify(encode({ repo, method, args }));
    let reply: Reply;
    try {
      const response = await fetch(`${url}/call`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
      reply = (await response.json()) as Reply;
    } catch (cause) {
      throw transientError(`The state server at ${url} did not answer`, {
        code: "store_unreachable",
        cause,
      });
    }
    if (reply.ok) return decode(reply.value);
    const error = reply.error ?? { kind: null, message: "unknown store error" };
    if (error.kind === null) throw new Error(error.message);
    throw new PereezdError(error.kind, error.message, {
      ...(error.code === undefined ? {} : { code: error.code }),
      details: decode(error.details) as Record<string, unknown> | undefined,
    });
  };
  const proxy = (repo: RepositoryName): unknown =>
    new Proxy(
      {},
      {
        get: (_target, method) =>
          typeof method === "string" && method !== "then"
            ? (...args: unknown[]) => call(repo, method, args)
            : undefined,
      },
    );
  const stores = Object.fromEntries(
    REPOSITORIES.map((repo) => [repo, proxy(repo)]),
  ) as unknown as Stores;
  return {
    ...stores,
    ping: async () => {
      await call("customers", "getById", ["ping"]);
    },
    close: async () => {},
  };
}
