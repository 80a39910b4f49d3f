/**
 * Every run starts from the migration as stored now, not as the caller loaded
 * it: an earlier run may have saved a newer mapping (created fields and items)
 * or engine state since, and a resume must see them.
 */
import { notFound } from "../errors.js";
import type { EngineInput } from "./types.js";

export async function freshInput(input: EngineInput): Promise<EngineInput> {
  const migration = await input.stores.migrations.getById(input.migration.id);
  if (!migration)
    throw notFound(`Migration ${input.migration.id} not found`, {
      details: { migrationId: input.migration.id },
    });
  return { ...input, migration };
}
