/**
 * `crm.currency.list` (docs: api-reference/crm/currency/crm-currency-list.md):
 * the portal's currencies, base currency first by default; `order` sorts by
 * SORT or CURRENCY. Values render as strings, as legacy CRM methods do.
 */
import type { Currency } from "../data/portal-data.js";
import type { MethodCall, MethodDefinition, MethodResult } from "../method-types.js";
import { COST } from "./costs.js";

function render(currency: Currency, index: number): Record<string, unknown> {
  return {
    CURRENCY: currency.id,
    AMOUNT_CNT: "1",
    AMOUNT: currency.base ? "1.0000" : "0",
    SORT: String((index + 1) * 100),
    BASE: currency.base ? "Y" : "N",
    FULL_NAME: currency.name,
    LID: "ru",
    FORMAT_STRING: `# ${currency.id}`,
    DEC_POINT: ".",
    THOUSANDS_SEP: " ",
    DECIMALS: "2",
  };
}

function list(call: MethodCall): MethodResult {
  const rows = call.portal.data.currencies.map(render);
  const order = call.params.order as Record<string, unknown> | undefined;
  const byCode = order !== undefined && typeof order === "object" && "CURRENCY" in order;
  const desc = Object.values(order ?? {}).some((v) => String(v).toUpperCase() === "DESC");
  const key = byCode ? "CURRENCY" : "SORT";
  rows.sort((a, b) => {
    const left = String(a[key]);
    const right = String(b[key]);
    const cmp = key === "SORT" ? Number(left) - Number(right) : left.localeCompare(right);
    return desc ? -cmp : cmp;
  });
  return { result: rows, total: rows.length };
}

export const crmCurrencyMethods: MethodDefinition[] = [
  { name: "crm.currency.list", scope: "crm", cost: COST.dictionary, handler: list },
];
