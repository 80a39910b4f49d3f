/**
 * The methods one sandbox serves, looked up case-insensitively (the server lower-cases
 * the method name before lookup: srv:modules/rest/classes/general/rest.php).
 */
import type { MethodDefinition } from "./method-types.js";

/** Name → definition, case-insensitive; also the source of `methods` and `scope`. */
export class MethodRegistry {
  private readonly byName = new Map<string, MethodDefinition>();

  /**
   * Add definitions. A name already present is a configuration error unless
   * `replace` is set (the domain side may replace a system method such as `profile`).
   */
  add(definitions: Iterable<MethodDefinition>, replace = false): this {
    for (const definition of definitions) {
      const name = definition.name.toLowerCase();
      if (this.byName.has(name) && !replace) {
        throw new Error(`Bitrix24 sandbox: method ${name} is defined twice`);
      }
      this.byName.set(name, definition);
    }
    return this;
  }

  get(name: string): MethodDefinition | undefined {
    return this.byName.get(name.toLowerCase());
  }

  all(): MethodDefinition[] {
    return [...this.byName.values()];
  }

  /** Every scope some method needs, in first-seen order. */
  scopes(): string[] {
    const seen = new Set<string>();
    for (const definition of this.byName.values()) {
      if (definition.scope !== null) seen.add(definition.scope);
    }
    return [...seen];
  }
}
