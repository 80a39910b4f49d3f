/**
 * CSV as RFC 4180 writes it (https://www.rfc-editor.org/rfc/rfc4180): CRLF
 * line ends, fields with a comma, quote or line break wrapped in double
 * quotes, quotes doubled. The report's CSV is opened in spreadsheets by
 * people, so a cell that would start a formula (= + - @, tab, CR) is prefixed
 * with an apostrophe (OWASP "CSV injection"): the text stays readable and
 * nothing is executed.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One field, made safe and quoted when needed. */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows (the header first) as CSV text, every line ended by CRLF. */
export function toCsv(rows: ReadonlyArray<readonly string[]>): string {
  return rows.map((row) => `${row.map(csvCell).join(",")}\r\n`).join("");
}
