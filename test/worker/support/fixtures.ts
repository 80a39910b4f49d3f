/** Test data: a customer and a queued migration whose fake run follows `plan`. */
import type { Migration, Stores } from "../../../core/store/index.js";
import type { FakePlan } from "./fake-runner.js";

let chats = 0;

export async function createTestMigration(
  stores: Stores,
  plan: FakePlan,
  options: { language?: "ru" | "en"; status?: "queued" | "discovered" } = {},
): Promise<Migration> {
  const chatId = String(100_000 + chats++);
  const customer = await stores.customers.upsertByChat("telegram", chatId, {
    language: options.language ?? "ru",
  });
  const draft = await stores.migrations.create({
    customerId: customer.id,
    chat: { channel: "telegram", chatId },
    sourceConnectionId: "source-connection",
    targetConnectionId: "target-connection",
    route: "bitrix24->bitrix24",
    entities: ["contacts"],
    options: { fake: plan },
  });
  const moved = await stores.migrations.transition(draft.id, ["draft"], options.status ?? "queued");
  return moved!;
}
