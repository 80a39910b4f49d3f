/** JSON text for opaque values (conversation state, WhatsApp sessions) in both adapters. */
import { invalidInput } from "../../errors.js";

/** Serializes `value`; `invalid_input` if JSON cannot represent it. */
export function toJsonText(value: unknown, what: string): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined;
  }
  if (text === undefined) {
    throw invalidInput(`${what} must be JSON-serializable`, { code: "store_not_json" });
  }
  return text;
}

/** Parses text written by `toJsonText`. */
export function fromJsonText(text: string): unknown {
  return JSON.parse(text) as unknown;
}
