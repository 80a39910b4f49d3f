/**
 * One meaning of a patch for both adapters: `undefined` leaves a field alone,
 * `null` removes a field listed as clearable, anything else is set.
 */

/** The fields a patch sets, with `null` gone from the clearable ones. */
export type PatchSet<P, C extends keyof P> = {
  [K in keyof P]?: K extends C ? Exclude<P[K], null | undefined> : Exclude<P[K], undefined>;
};

export interface SplitPatch<P, C extends keyof P> {
  set: PatchSet<P, C>;
  unset: C[];
}

/** Splits `patch` into fields to set and clearable fields to remove. */
export function splitPatch<P extends object, C extends keyof P & string = never>(
  patch: P,
  clearable: readonly C[] = [],
): SplitPatch<P, C> {
  const set: Record<string, unknown> = {};
  const unset: C[] = [];
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const clear = clearable.find((name) => name === key);
    if (value === null && clear !== undefined) unset.push(clear);
    else set[key] = value;
  }
  return { set: set as PatchSet<P, C>, unset };
}

/** Copies `value` without its top-level `undefined` fields, as MongoDB stores it. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Applies a split patch to a copy of `doc` (the memory adapter's `$set` + `$unset`). */
export function applyPatch<T extends object, P, C extends keyof P>(
  doc: T,
  { set, unset }: SplitPatch<P, C>,
): T {
  const next: Record<string, unknown> = { ...doc, ...set };
  for (const key of unset) delete next[key as string];
  return next as T;
}
