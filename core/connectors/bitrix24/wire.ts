/**
 * zod shapes of what Bitrix24 sends back: the envelope, the `time` block, `batch`
 * results and error bodies. Every answer is parsed through these (no `any`).
 *
 * https://apidocs.bitrix24.com/settings/how-to-call-rest-api/general-principles.html,
 * https://apidocs.bitrix24.com/settings/how-to-call-rest-api/batch.html,
 * https://apidocs.bitrix24.com/api-reference/data-types.html#time
 */
import { z } from "zod";

/** Numbers that PHP may send as strings (`"total": "12"`). */
const looseNumber = z.union([z.number(), z.string()]).transform(Number).pipe(z.number());

/** `time`: `operating` (s used in the window) and `operating_reset_at` (Unix s). */
export const timeSchema = z
  .object({
    operating: looseNumber.optional(),
    operating_reset_at: z.union([z.number(), z.string()]).optional(),
  })
  .loose();
export type WireTime = z.infer<typeof timeSchema>;

export const envelopeSchema = z.object({
  result: z.unknown(),
  next: looseNumber.optional(),
  total: looseNumber.optional(),
  time: timeSchema.optional(),
});
export type Envelope = z.infer<typeof envelopeSchema>;

/** `{error, error_description}`; old batch answers carry a bare string instead. */
export const errorBodySchema = z.union([
  z
    .object({
      error: z.union([z.string(), z.number()]).transform(String),
      error_description: z.string().optional().default(""),
    })
    .loose(),
  z.string().transform((text) => ({ error: "", error_description: text })),
]);
export type WireError = z.infer<typeof errorBodySchema>;

/** REST 3.0 style `{error: {code, message}}`. */
export const errorV3Schema = z.object({
  error: z.object({ code: z.string(), message: z.string().optional().default("") }),
});

/** PHP `json_encode` of a map: `[]` when empty, a list for keys 0..n-1, else an object. */
function phpMap<T extends z.ZodType>(value: T) {
  return z
    .union([z.array(value), z.record(z.string(), value)])
    .transform((m): Record<string, z.output<T>> =>
      Array.isArray(m) ? Object.fromEntries(m.map((v, i) => [String(i), v])) : m,
    );
}

export const batchResultSchema = z.object({
  result: phpMap(z.unknown()),
  result_error: phpMap(errorBodySchema),
  result_total: phpMap(looseNumber).optional().default({}),
  result_next: phpMap(looseNumber).optional().default({}),
  result_time: phpMap(z.union([timeSchema, z.array(z.unknown())]))
    .optional()
    .default({}),
});
export type BatchResult = z.infer<typeof batchResultSchema>;

/** A legacy list row: UPPER_CASE keys, values mostly strings. */
export const rowSchema = z.record(z.string(), z.unknown());
export const rowsSchema = z.array(rowSchema);
export type Row = z.infer<typeof rowSchema>;

/** An id as Bitrix24 writes it: `"37"` or `37`. */
export const idSchema = z.union([z.string().min(1), z.number()]).transform(String);
