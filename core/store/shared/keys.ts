/** A key built from parts; JSON keeps ("a|b", "c") apart from ("a", "b|c"). */
export const keyOf = (...parts: readonly (string | number)[]): string => JSON.stringify(parts);
