/**
 * PHP `parse_str` semantics for query strings, form bodies and batch commands:
 * `filter[>ID]=10&select[]=ID&fields[PHONE][0][VALUE]=1` becomes
 * `{filter: {">ID": "10"}, select: ["ID"], fields: {PHONE: [{VALUE: "1"}]}}`.
 *
 * The server builds PHP arrays and the handlers see them; after `json_encode` a PHP
 * array whose keys are exactly 0..n-1 is a JSON list, anything else an object. The
 * same rule decides here between a JS array and a plain object.
 *
 * Docs: docs:settings/how-to-call-rest-api/data-encoding.md,
 * docs:settings/how-to-call-rest-api/general-principles.md. Known gap: JS objects
 * list integer-like keys first, so a mixed map (`{b: 1, 2: x}`) loses PHP's
 * insertion order; lists and string-keyed maps keep it.
 */

/** A PHP array under construction: insertion-ordered, with PHP's next free integer key. */
class PhpArray {
  readonly entries = new Map<string, PhpArray | string>();
  private nextIndex = 0;

  set(key: string | null, value: PhpArray | string): void {
    const normalized = key ?? String(this.nextIndex);
    const asInt = integerKey(normalized);
    if (asInt !== null && asInt >= this.nextIndex) this.nextIndex = asInt + 1;
    this.entries.set(normalized, value);
  }

  /** The nested array at `key`, replacing a scalar there (PHP does the same). */
  child(key: string | null): PhpArray {
    if (key !== null) {
      const existing = this.entries.get(key);
      if (existing instanceof PhpArray) return existing;
    }
    const created = new PhpArray();
    this.set(key, created);
    return created;
  }
}

/** PHP treats canonical decimal integer strings ("0", "-5", not "05") as integer keys. */
function integerKey(key: string): number | null {
  if (!/^(?:0|-?[1-9]\d{0,17})$/.test(key)) return null;
  const value = Number(key);
  return Number.isSafeInteger(value) ? value : null;
}

/** `urldecode`: `+` is a space, `%XX` a byte; malformed escapes stay as they are. */
export function phpUrlDecode(text: string): string {
  // A multi-byte character is always one contiguous run of escapes, so runs decode alone.
  return text
    .replace(/\+/g, " ")
    .replace(/(?:%[0-9a-fA-F]{2})+/g, (run) =>
      Buffer.from(run.replace(/%/g, ""), "hex").toString("utf8"),
    );
}

/**
 * Split a variable name into its base and bracket indexes the way PHP's
 * `php_register_variable_ex` does; null index = `[]` (append). Returns null for names
 * PHP ignores (empty base).
 */
function splitName(rawName: string): { base: string; indexes: (string | null)[] } | null {
  const name = rawName.replace(/^ +/, "");
  const open = name.indexOf("[");
  const baseEnd = open === -1 ? name.length : open;
  let base = name.slice(0, baseEnd).replace(/[ .]/g, "_");
  const indexes: (string | null)[] = [];
  if (open !== -1) {
    let pos = open;
    while (name[pos] === "[") {
      const close = name.indexOf("]", pos + 1);
      if (close === -1) {
        // The first unmatched `[` becomes `_` and the rest is part of the name.
        if (indexes.length === 0) base = `${base}_${name.slice(pos + 1)}`;
        break;
      }
      const index = name.slice(pos + 1, close);
      indexes.push(index === "" ? null : index);
      pos = close + 1;
    }
  }
  return base === "" ? null : { base, indexes };
}

/** Store one `name=value` pair into `root` (name already decoded). */
function assign(root: PhpArray, name: string, value: string): void {
  const parts = splitName(name);
  if (!parts) return;
  const path = [parts.base, ...parts.indexes];
  let target = root;
  for (let i = 0; i < path.length - 1; i++) target = target.child(path[i] ?? null);
  target.set(path[path.length - 1] ?? null, value);
}

/** PHP array → JS: lists (keys 0..n-1 in order) become arrays, other arrays objects. */
function toJs(array: PhpArray): unknown[] | Record<string, unknown> {
  const keys = [...array.entries.keys()];
  const isList = keys.every((key, i) => key === String(i));
  const convert = (v: PhpArray | string): unknown => (v instanceof PhpArray ? toJs(v) : v);
  if (isList) return [...array.entries.values()].map(convert);
  const out: Record<string, unknown> = {};
  for (const [key, value] of array.entries) out[key] = convert(value);
  return out;
}

/** Build params from already-decoded `[name, value]` pairs (multipart form fields). */
export function paramsFromPairs(
  pairs: Iterable<readonly [string, string]>,
): Record<string, unknown> {
  const root = new PhpArray();
  for (const [name, value] of pairs) assign(root, name, value);
  return toObject(toJs(root));
}

/** PHP `parse_str($query, $out)`: `&`-separated, URL-encoded, bracket syntax nested. */
export function parsePhpQuery(query: string): Record<string, unknown> {
  const pairs: [string, string][] = [];
  for (const piece of query.split("&")) {
    if (piece === "") continue;
    const eq = piece.indexOf("=");
    const name = phpUrlDecode(eq === -1 ? piece : piece.slice(0, eq));
    const value = eq === -1 ? "" : phpUrlDecode(piece.slice(eq + 1));
    pairs.push([name, value]);
  }
  return paramsFromPairs(pairs);
}

/** Top-level params are always a map: a list (`0=a&1=b`) becomes `{"0": "a", "1": "b"}`. */
export function toObject(value: unknown): Record<string, unknown> {
  if (Array.isArray(value)) return Object.fromEntries(value.map((v, i) => [String(i), v]));
  if (value !== null && typeof value === "object") return value as Record<string, unknown>;
  return {};
}
