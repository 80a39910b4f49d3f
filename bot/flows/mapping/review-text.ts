/**
 * The mapping review in words: one entity's review message with its buttons,
 * and a mapping problem as "path — what is wrong" in the user's language. Every
 * word comes from the locale files (`mapping.*`).
 */
import type { MappingProblem } from "../../../core/mapping/index.js";
import type { FieldType } from "../../../core/model/canonical.js";
import { t, type Language } from "../../i18n.js";
import { entityName, formatNumber, inRows, type Button } from "../../ui.js";
import type { EntityReview, ReviewLine } from "./review-view.js";

/** At most this many fields are listed with a button; the file shows them all. */
export const MAX_LINES = 30;

export const typeName = (lang: Language, type: FieldType): string =>
  t(lang, `mapping.type.${type}`);

function field(lang: Language, label: string, type: FieldType): string {
  return t(lang, "mapping.field", { label, type: typeName(lang, type) });
}

function lineText(lang: Language, line: ReviewLine, n: number): string {
  const source = field(lang, line.source.label, line.source.type);
  const target = line.target ? field(lang, line.target.label, line.target.type) : "";
  const base =
    line.change === "skip"
      ? t(lang, "mapping.line.skip", { source })
      : line.change === "create_field"
        ? t(lang, "mapping.line.create_field", { source, target })
        : line.change === "map"
          ? t(lang, "mapping.line.map", { source, target })
          : t(lang, "mapping.line.convert", {
              source,
              target,
              how: t(lang, `mapping.converter.${line.converter ?? "copy"}`),
            });
  const items = line.newItems
    ? ` ${t(lang, "mapping.line.new_items", { count: line.newItems })}`
    : "";
  return `${n}. ${base}${items}`;
}

/** Callback data of the review buttons (prefix `w:rv:`). */
export const reviewData = {
  change: (n: number) => `w:rv:chg:${n}`,
  accept: "w:rv:ok",
  download: "w:rv:dl",
} as const;

/** The review message of one entity (`position` of `total`) and its buttons. */
export function reviewMessage(
  lang: Language,
  review: EntityReview,
  position: number,
  total: number,
): { text: string; rows: Button[][] } {
  const shown = review.lines.slice(0, MAX_LINES);
  const parts = [
    t(lang, "mapping.header", { entity: entityName(lang, review.entity), position, total }),
    t(lang, "mapping.matched", { count: review.matched }),
  ];
  if (shown.length > 0) {
    parts.push(
      "",
      t(lang, "mapping.attention", { count: review.lines.length }),
      ...shown.map((l, i) => lineText(lang, l, i + 1)),
    );
    if (review.lines.length > shown.length)
      parts.push(t(lang, "mapping.more", { count: review.lines.length - shown.length }));
  }
  if (review.errors.length > 0) {
    parts.push(
      "",
      t(lang, "mapping.errors"),
      ...review.errors.slice(0, 10).map((p) => `• ${problemText(lang, p)}`),
    );
  }
  parts.push("", t(lang, "mapping.hint"));
  const rows = [
    ...inRows(
      shown.map((_, i) => ({ text: `✏️ ${i + 1}`, data: reviewData.change(i + 1) })),
      5,
    ),
    [
      {
        text: t(lang, "mapping.button.accept", { entity: entityName(lang, review.entity) }),
        data: reviewData.accept,
      },
    ],
    [{ text: t(lang, "mapping.button.download"), data: reviewData.download }],
  ];
  return { text: parts.join("\n"), rows };
}

function issueText(lang: Language, problem: MappingProblem): string {
  const p = problem.params ?? {};
  switch (p.issue) {
    case "invalid_type":
      return t(lang, "mapping.issue.invalid_type", { expected: String(p.expected ?? "?") });
    case "unrecognized_keys":
      return t(lang, "mapping.issue.unrecognized_keys", { keys: String(p.keys ?? "") });
    case "invalid_value":
    case "invalid_union":
      return p.allowed !== undefined
        ? t(lang, "mapping.issue.invalid_value", { allowed: String(p.allowed) })
        : t(lang, "mapping.issue.other");
    case "too_small":
    case "too_big":
      return t(lang, `mapping.issue.${p.issue}`, { limit: Number(p.limit ?? 0) });
    default:
      return t(lang, "mapping.issue.other");
  }
}

/** "entities.deals.fields[3].target.code — there is no such field in the target portal (UF_X)". */
export function problemText(lang: Language, problem: MappingProblem): string {
  const p = problem.params ?? {};
  const vars = Object.fromEntries(
    Object.entries(p).map(([k, v]) => [
      k,
      typeof v === "number" ? formatNumber(lang, v) : String(v),
    ]),
  );
  let what: string;
  if (problem.code === "invalid_mapping") what = issueText(lang, problem);
  else if (problem.code === "invalid_json" && p.line === undefined)
    what = t(lang, "mapping.problem.invalid_json_plain");
  else if (problem.code === "unknown_entity")
    what = t(lang, `mapping.problem.unknown_entity_${String(p.side ?? "source")}`, vars);
  else what = t(lang, `mapping.problem.${problem.code}`, vars);
  return problem.path === "" ? what : `${problem.path} — ${what}`;
}

/** The answer to a refused file or confirmation: the problems with their paths. */
export function problemsText(
  lang: Language,
  headKey: string,
  problems: readonly MappingProblem[],
  total: number,
): string {
  const lines = problems.map((p) => `• ${problemText(lang, p)}`);
  if (total > problems.length)
    lines.push(t(lang, "mapping.more_problems", { count: total - problems.length }));
  return [t(lang, headKey, { count: total }), ...lines].join("\n");
}
