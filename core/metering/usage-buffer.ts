import type { UsageCounters, UsageDelta, UsageKey } from "./usage-port.js";

/** Counts not yet written, merged per usage row; pure bookkeeping for the meter. */
export class UsageBuffer {
  readonly #rows = new Map<string, { key: UsageKey; delta: UsageCounters }>();

  static id(key: UsageKey): string {
    return JSON.stringify([key.customerId, key.period, key.scope]);
  }

  add(key: UsageKey, delta: UsageDelta): void {
    const id = UsageBuffer.id(key);
    let row = this.#rows.get(id);
    if (row === undefined) {
      row = { key, delta: zero() };
      this.#rows.set(id, row);
    }
    for (const name of COUNTERS) row.delta[name] += delta[name] ?? 0;
  }

  /** Removes and returns every pending row (to write; {@link add} them back on failure). */
  drain(): Array<{ key: UsageKey; delta: UsageCounters }> {
    const rows = [...this.#rows.values()];
    this.#rows.clear();
    return rows;
  }

  get(key: UsageKey): UsageCounters | undefined {
    return this.#rows.get(UsageBuffer.id(key))?.delta;
  }

  get size(): number {
    return this.#rows.size;
  }
}

export const COUNTERS = ["requests", "commands", "reads", "writes", "setup", "unmetered"] as const;

export function zero(): UsageCounters {
  return { requests: 0, commands: 0, reads: 0, writes: 0, setup: 0, unmetered: 0 };
}

/** The delta without its zero counters, so a write carries only what changed. */
export function nonZero(delta: UsageCounters): UsageDelta {
  const out: UsageDelta = {};
  for (const name of COUNTERS) if (delta[name] !== 0) out[name] = delta[name];
  return out;
}
