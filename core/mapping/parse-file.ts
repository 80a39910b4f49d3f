/**
 * Reading a mapping file a user uploaded (DESIGN.md §6: bad input gets a clear
 * message and changes nothing). Never throws: a file that is not JSON, too
 * large or not a mapping comes back as problems with JSON paths, which the
 * chat turns into "entities.deals.fields[3].converter.kind: unknown value".
 */
import type { z } from "zod";
import { mappingSchema, type Mapping } from "./mapping-schema.js";
import { formatPath } from "./normalize.js";
import type { MappingProblem, ProblemParams } from "./problems.js";

/** Mappings are small (hundreds of rules); anything bigger is not one. */
export const MAX_MAPPING_FILE_CHARS = 2_000_000;

/** Either the mapping or every problem found, never an exception. */
export type ParseMappingResult =
  { ok: true; mapping: Mapping } | { ok: false; problems: MappingProblem[] };

type Issue = z.core.$ZodIssue;

/** For a union, the branch that came closest (fewest issues) explains the problem best. */
function flatten(
  issue: Issue,
  prefix: PropertyKey[] = [],
): Array<{ path: PropertyKey[]; issue: Issue }> {
  const path = [...prefix, ...issue.path];
  if (issue.code === "invalid_union" && issue.errors.length > 0) {
    const best = issue.errors.reduce((a, b) => (b.length < a.length ? b : a));
    if (best.length > 0) return best.flatMap((sub) => flatten(sub, path));
  }
  return [{ path, issue }];
}

function paramsOf(issue: Issue): ProblemParams {
  const params: ProblemParams = { issue: issue.code, detail: issue.message };
  if (issue.code === "invalid_type") params.expected = issue.expected;
  if (issue.code === "unrecognized_keys") params.keys = issue.keys.join(", ");
  if (issue.code === "invalid_value")
    params.allowed = issue.values.map((v) => String(v)).join(", ");
  // A discriminated union names its allowed discriminators (`kind`, `action`).
  const options: unknown = "options" in issue ? issue.options : undefined;
  if (Array.isArray(options)) params.allowed = options.map((o: unknown) => String(o)).join(", ");
  if (issue.code === "too_small" || issue.code === "too_big")
    params.limit = Number(issue.code === "too_small" ? issue.minimum : issue.maximum);
  return params;
}

/** Line and column (1-based) of a character offset, for JSON syntax errors. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

/** Parses and checks the shape of an uploaded mapping; check it against the schemas with `validateMapping`. */
export function parseMappingFile(text: string): ParseMappingResult {
  if (typeof text !== "string" || text.length > MAX_MAPPING_FILE_CHARS) {
    return {
      ok: false,
      problems: [
        {
          path: "",
          code: "file_too_large",
          severity: "error",
          params: { limit: MAX_MAPPING_FILE_CHARS },
        },
      ],
    };
  }
  const body = text.replace(/^\uFEFF/, "");
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    const where = position ? lineColumn(body, Number(position[1])) : {};
    return {
      ok: false,
      problems: [
        {
          path: "",
          code: "invalid_json",
          severity: "error",
          params: { detail: message, ...where },
        },
      ],
    };
  }
  const parsed = mappingSchema.safeParse(json);
  if (parsed.success) return { ok: true, mapping: parsed.data };
  const problems = parsed.error.issues
    .flatMap((i) => flatten(i))
    .map(({ path, issue }): MappingProblem => ({
      path: formatPath(path),
      code: "invalid_mapping",
      severity: "error",
      params: paramsOf(issue),
    }));
  return { ok: false, problems };
}

/** The mapping as the file a user downloads: stable, indented JSON. */
export function serializeMapping(mapping: Mapping): string {
  return `${JSON.stringify(mapping, null, 2)}\n`;
}
