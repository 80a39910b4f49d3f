/**
 * The sandbox's methods plus `crm.currency.list` while the sandbox does not
 * serve it. The connector describes `CURRENCY_ID` from it
 * (https://apidocs.bitrix24.com/api-reference/crm/currency/crm-currency-list.html);
 * without it the field has no items, the proposal cannot map RUB → RUB, and every
 * company, lead and deal with a currency fails. Used only when the method is missing.
 */
import { defaultMethods } from "../../sandbox/bitrix24/default-methods.js";
import type { MethodDefinition } from "../../sandbox/bitrix24/method-types.js";

const currencyList: MethodDefinition = {
  name: "crm.currency.list",
  scope: "crm",
  handler: (call) => {
    const rows = call.portal.data.currencies.map((c, i) => ({
      CURRENCY: c.id,
      AMOUNT_CNT: 1,
      AMOUNT: c.base ? 1 : 0,
      SORT: (i + 1) * 100,
      BASE: c.base ? "Y" : "N",
      FULL_NAME: c.name,
      LID: "en",
    }));
    return { result: rows, total: rows.length };
  },
};

/** True while the sandbox itself lacks the method (the lead is told in the report). */
export const sandboxLacksCurrencyList = (): boolean =>
  !defaultMethods().some((m) => m.name === "crm.currency.list");

/** Every default method, plus the stand-in for a missing `crm.currency.list`. */
export function worldMethods(): MethodDefinition[] {
  const methods = [...defaultMethods()];
  if (sandboxLacksCurrencyList()) methods.push(currencyList);
  return methods;
}
