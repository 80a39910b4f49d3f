/**
 * `core/mapping`: pure functions from a source record to a target record, and
 * the mapping data that drives them (DESIGN.md §3 "Mapping"). The only public
 * surface of the folder.
 */
export * from "./mapping-schema.js";
export type {
  MappingProblem,
  MappingProblemCode,
  Problem,
  ProblemParams,
  RecordProblem,
  RecordProblemCode,
  Severity,
} from "./problems.js";
export type { ReviewField, ReviewItem, ReviewKind, ReviewReason } from "./review.js";
export { normalizeLabel, formatPath } from "./normalize.js";
export { CONVERTER_TYPES, isConverterCompatible } from "./compat.js";
export { proposeEntityMapping } from "./propose.js";
export { proposeMapping } from "./propose-mapping.js";
export type { MappingProposal, ProposeMappingInput } from "./propose-mapping.js";
export type { EntityProposal, ProposeEntityInput, ProposeOptions } from "./propose.js";
export type { Decision, MatchOptions } from "./propose-match.js";
export { proposeUserMapping } from "./propose-users.js";
export { chooseConverter } from "./propose-converter.js";
export type { ConverterChoice, ConverterDefaults } from "./propose-converter.js";
export type { ProposeUsersOptions, UserProposal } from "./propose-users.js";
export { validateMapping } from "./validate.js";
export type { MappingSchemas } from "./validate.js";
export { parseMappingFile, serializeMapping, MAX_MAPPING_FILE_CHARS } from "./parse-file.js";
export type { ParseMappingResult } from "./parse-file.js";
export { applyEntityMapping } from "./apply.js";
export type { ApplyContext, ApplyResult, MissingItem } from "./apply.js";
export { fieldsToCreate, withCreatedFields, withCreatedItems } from "./created.js";
export type { CreatedItem } from "./created.js";
export { convertValue } from "./converters/index.js";
export type { ValueContext, ValueResult } from "./converters/index.js";
