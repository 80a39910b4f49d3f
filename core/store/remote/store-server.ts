/**
 * Serves one process's `Stores` to other processes over loopback HTTP, so
 * tests can kill a worker or migration process (SIGKILL) while the state
 * lives on elsewhere, as it does in MongoDB in production. Used by tests and
 * the multi-process demo only; production uses the mongo adapter.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { isPereezdError } from "../../errors.js";
import type { Stores } from "../stores.js";
import { decode, encode } from "./codec.js";

export const REPOSITORIES = [
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
export type RepositoryName = (typeof REPOSITORIES)[number];

export interface StoreServer {
  url: string;
  close(): Promise<void>;
}

async function dispatch(stores: Stores, body: unknown): Promise<unknown> {
  const { repo, method, args } = body as { repo: string; method: string; args: unknown[] };
  if (!(REPOSITORIES as readonly string[]).includes(repo))
    throw new Error(`unknown repository ${repo}`);
  const repository = stores[repo as RepositoryName] as unknown as Record<string, unknown>;
  const fn = repository[method];
  if (typeof fn !== "function") throw new Error(`unknown method ${repo}.${method}`);
  return await (fn as (...a: unknown[]) => Promise<unknown>).apply(repository, args);
}

/** Starts serving `stores` on 127.0.0.1 (port 0 = any free port). */
export async function startStoreServer(stores: Stores, port = 0): Promise<StoreServer> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      void (async () => {
        let reply: unknown;
        try {
          const body = decode(JSON.parse(Buffer.concat(chunks).toString("utf8")));
          reply = { ok: true, value: encode(await dispatch(stores, body)) };
        } catch (error) {
          reply = isPereezdError(error)
            ? {
                ok: false,
                error: {
                  kind: error.kind,
                  message: error.message,
                  code: error.code,
                  details: encode(error.details),
                },
              }
            : {
                ok: false,
                error: {
                  kind: null,
                  message: error instanceof Error ? error.message : String(error),
                },
              };
        }
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify(reply));
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
