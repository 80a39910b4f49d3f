/**
 * Every domain method of the Bitrix24 sandbox (names lower-case, as the HTTP
 * layer looks them up), plus the two file endpoints the HTTP layer serves:
 * `downloadFile` for `DOWNLOAD_URL`s and `uploadCallRecord` for
 * attachRecord's `uploadUrl`. System methods (server.time, methods, scope,
 * profile, batch) live in the HTTP layer.
 */
import type { MethodDefinition } from "../method-types.js";
import { crmActivityMethods } from "./crm-activity.js";
import { crmCategoryMethods } from "./crm-category.js";
import { crmCurrencyMethods } from "./crm-currency.js";
import { crmDuplicateMethods } from "./crm-duplicate.js";
import { crmItemImportMethods } from "./crm-item-import.js";
import { crmItemMethods } from "./crm-item.js";
import { legacyCrmMethods } from "./crm-legacy.js";
import { crmRelationMethods } from "./crm-relations.js";
import { crmStatusMethods } from "./crm-status.js";
import { crmTimelineMethods } from "./crm-timeline.js";
import { userFieldMethods } from "./crm-userfield.js";
import { userFieldUpdateMethods } from "./crm-userfield-update.js";
import { departmentMethods } from "./departments.js";
import { diskMethods } from "./disk.js";
import { taskCommentMethods } from "./task-comments.js";
import { taskMethods } from "./tasks.js";
import { telephonyCallMethods } from "./telephony-calls.js";
import { telephonyRecordMethods } from "./telephony-record.js";
import { telephonyStatMethods } from "./telephony-stats.js";
import { userMethods } from "./users.js";

export { downloadFile } from "./disk.js";
export { uploadCallRecord } from "./telephony-record.js";

const KINDS = ["lead", "contact", "company", "deal"] as const;

/** All domain methods; see reference §13 for the list a migration needs. */
export const bitrix24Methods: MethodDefinition[] = [
  ...userMethods,
  ...departmentMethods,
  ...crmCurrencyMethods,
  ...KINDS.flatMap((kind) => [
    ...legacyCrmMethods(kind),
    ...userFieldMethods(kind),
    ...userFieldUpdateMethods(kind),
  ]),
  ...crmItemMethods,
  ...crmItemImportMethods,
  ...crmStatusMethods,
  ...crmCategoryMethods,
  ...crmRelationMethods,
  ...crmActivityMethods,
  ...crmTimelineMethods,
  ...crmDuplicateMethods,
  ...taskMethods,
  ...taskCommentMethods,
  ...telephonyStatMethods,
  ...telephonyCallMethods,
  ...telephonyRecordMethods,
  ...diskMethods,
].map((m) => ({ ...m, name: m.name.toLowerCase() }));
