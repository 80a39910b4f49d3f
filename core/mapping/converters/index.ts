/**
 * One entry point for all converter families: `convertValue` dispatches on the
 * converter's `kind`. The switch is exhaustive, so a new kind in the schema
 * does not compile until it is handled here.
 */
import type { ScalarValue } from "../../model/canonical.js";
import type { Converter } from "../mapping-schema.js";
import { convertBoolean } from "./boolean.js";
import { convertDate, convertDateTime } from "./date.js";
import { convertEmail } from "./email.js";
import { convertEnumToEnum, convertEnumToString, convertStringToEnum } from "./enum.js";
import { convertMoney, convertNumber } from "./number.js";
import { convertPhone } from "./phone.js";
import { convertEntityRef, convertUserRef } from "./refs.js";
import { convertCopy, convertText } from "./text.js";
import type { ValueContext, ValueResult } from "./types.js";

export type { MissingItemDraft, ValueContext, ValueIssue, ValueResult } from "./types.js";

/** Converts one non-empty source value; never throws, reports issues instead. */
export function convertValue(
  converter: Converter,
  value: ScalarValue,
  ctx: ValueContext,
): ValueResult {
  switch (converter.kind) {
    case "copy":
      return convertCopy(value, ctx);
    case "text":
      return convertText(converter, value);
    case "number":
      return convertNumber(converter, value, ctx);
    case "money":
      return convertMoney(converter, value);
    case "date":
      return convertDate(converter, value, ctx);
    case "datetime":
      return convertDateTime(converter, value, ctx);
    case "boolean":
      return convertBoolean(converter, value, ctx);
    case "string_to_enum":
      return convertStringToEnum(converter, value, ctx);
    case "enum_to_enum":
      return convertEnumToEnum(converter, value, ctx);
    case "enum_to_string":
      return convertEnumToString(converter, value, ctx);
    case "phone":
      return convertPhone(converter, value, ctx);
    case "email":
      return convertEmail(value, ctx);
    case "user_ref":
      return convertUserRef(converter, value, ctx);
    case "entity_ref":
      return convertEntityRef(converter, value, ctx);
  }
}
