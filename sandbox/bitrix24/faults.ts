/**
 * Fault injection: a seeded share of REST requests fails the way the real service and
 * its network fail, so clients prove their retry and idempotency paths.
 *
 * - `500`: `INTERNAL_SERVER_ERROR` (docs:_includes/system-errors.md), before the method runs;
 * - `503`: an HTML page from the front proxy, not JSON (clients must parse defensively;
 *   ../shared/reference/bitrix24.md §11.2 item 6), before the method runs;
 * - `drop`: the method RUNS, then the connection is destroyed without an answer — the
 *   case where a record was created but the client never learns its id;
 * - `slow`: the answer is delayed by `slowMs`.
 * Token requests to `/oauth/token/` are spared unless `oauth: true`.
 */
import type { HttpBindings } from "@hono/node-server";
import { RestError } from "./method-types.js";
import type { Transport } from "./request/route.js";
import { renderError } from "./response/envelope.js";

export type FaultKind = "500" | "503" | "drop" | "slow";

/** Fault settings of a portal; `rate` 0 or null options switch faults off. */
export interface FaultOptions {
  /** Share of requests that fail, 0..1. */
  rate: number;
  /** Which failures to draw from; all four by default. */
  kinds?: readonly FaultKind[];
  /** Delay of a `slow` answer; 2 s by default. */
  slowMs?: number;
  /** Also fail `/oauth/token/` requests. */
  oauth?: boolean;
}

/** Kinds drawn from when `kinds` is not given. */
export const ALL_FAULT_KINDS: readonly FaultKind[] = ["500", "503", "drop", "slow"];

/** mulberry32: a small, fast, seedable PRNG giving floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws faults for one portal from its own seeded sequence. */
export class FaultInjector {
  private readonly random: () => number;

  constructor(
    readonly options: FaultOptions | null,
    seed: number,
  ) {
    if (options && !(options.rate >= 0 && options.rate <= 1)) {
      throw new RangeError(`faults.rate must be within 0..1, got ${options.rate}`);
    }
    this.random = seededRandom(seed);
  }

  /** The fault for the next request, or null. `oauth` marks a token request. */
  pick(oauth = false): FaultKind | null {
    const options = this.options;
    if (!options || options.rate <= 0 || (oauth && options.oauth !== true)) return null;
    if (this.random() >= options.rate) return null;
    const kinds = options.kinds && options.kinds.length > 0 ? options.kinds : ALL_FAULT_KINDS;
    return kinds[Math.floor(this.random() * kinds.length)] ?? null;
  }

  get slowMs(): number {
    return this.options?.slowMs ?? 2000;
  }
}

/** The answer of a fault that replaces the method call (`500`, `503`). */
export function faultResponse(kind: "500" | "503", transport: Transport): Response {
  if (kind === "500") {
    return renderError(
      new RestError("INTERNAL_SERVER_ERROR", "Internal server error", 500),
      transport,
    );
  }
  const html =
    "<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n" +
    "<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n<hr><center>nginx</center>\r\n" +
    "</body>\r\n</html>\r\n";
  return new Response(html, { status: 503, headers: { "Content-Type": "text/html" } });
}

/**
 * Destroy the client's connection. Under `app.request()` there is no socket; a
 * network-error `Response` stands in (its `type` is "error").
 */
export function dropConnection(env: Partial<HttpBindings> | undefined): Response {
  const socket = env?.incoming?.socket;
  if (socket) {
    socket.destroy();
    return new Response(null, { status: 500 });
  }
  return Response.error();
}
