import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mappingSchema, type Mapping } from "../../../core/mapping/index.js";
import { readPlanning } from "../../services/planning-state.js";
import { startChatHarness, type ChatHarness } from "../../../test/support/chat-harness.js";
import { connectBoth } from "../../../test/support/journey.js";

let h: ChatHarness;

beforeEach(async () => {
  h = await startChatHarness();
  await connectBoth(h, { source: h.source.webhookUrl, target: h.target.webhookUrl });
  await h.press("Дальше");
});
afterEach(async () => {
  await h.close();
});

async function planning() {
  const customer = await h.deps.stores.customers.findByChat("console", String(h.user.id));
  const [migration] = await h.deps.stores.migrations.listByCustomer(customer!.id);
  return readPlanning(migration!);
}

async function draft(): Promise<Mapping> {
  return (await planning()).draft!;
}

/** The companies rule of the source field labelled `label`. */
async function ruleOf(label: string) {
  const p = await planning();
  const code = p.schemas!.sources.companies!.fields.find((f) => f.label === label)!.code;
  return p.draft!.entities.companies!.fields.find(
    (r) => r.action !== "constant" && r.source === code,
  )!;
}

/** The first companies line of the review that proposes creating a field, and its number. */
function createLine(): { n: number; label: string } {
  const review = h.transcript
    .texts()
    .filter((t) => t.startsWith("🔗 Сопоставление полей: Компании"))
    .at(-1)!;
  const line = review.split("\n").find((l) => /^\d+\. .*будет создано поле/.test(l))!;
  return { n: Number(line.split(".")[0]), label: /«([^»]+)»/.exec(line)![1]! };
}

async function downloaded(): Promise<Mapping> {
  await h.press("Скачать файл");
  const doc = h.transcript.documents().at(-1)!;
  expect(doc.filename).toMatch(/^mapping-.*\.json$/);
  return mappingSchema.parse(JSON.parse(Buffer.from(doc.bytes).toString("utf8")));
}

describe("mapping review", () => {
  it("shows matches and each proposed fix, and leaves a field behind on request", async () => {
    const said = h.said();
    expect(said).toMatch(/✅ Совпало автоматически: \d+/);
    expect(said).toContain("Требуют вашего внимания");
    const { n, label } = createLine();
    await h.press(`✏️ ${n}`);
    expect(h.said()).toContain(`Поле «${label}»`);
    const mark = h.mark();
    await h.press("Не переносить");
    expect(h.said(mark)).toContain(`«${label}» (строка) — не переносится`);
    expect((await ruleOf(label)).action).toBe("skip");
  });

  it("writes a field to another target field the user picks", async () => {
    const { n, label } = createLine();
    await h.press(`✏️ ${n}`);
    const options = h.transcript.findButton("Оставить как есть")!;
    const message = h.transcript.events.find(
      (e) => e.kind === "message" && e.messageId === options.messageId,
    );
    if (message?.kind !== "message") throw new Error("no options message");
    const picked = message.keyboard.flat()[0]!;
    expect(picked.data).toBe("w:fld:0");
    const mark = h.mark();
    await h.pressData(options.messageId, picked.data);
    const rule = await ruleOf(label);
    expect(rule.action === "map" && "code" in rule.target).toBe(true);
    const targetLabel = picked.text.replace(/ \([^)]*\)$/, "");
    expect(h.said(mark)).toContain(`«${label}» (строка) → «${targetLabel}»`);
  });

  it("hands out the mapping as a file and takes an edited one back", async () => {
    const mapping = await downloaded();
    const companies = mapping.entities.companies!;
    const index = companies.fields.findIndex((r) => r.action === "map" && "create" in r.target);
    companies.fields[index] = {
      action: "skip",
      source:
        companies.fields[index]!.action === "map"
          ? (companies.fields[index] as { source: string }).source
          : "",
    };
    const mark = h.mark();
    await h.upload("mapping.json", Buffer.from(JSON.stringify(mapping)));
    expect(h.said(mark)).toContain("✅ Файл принят");
    expect(h.said(mark)).toContain("🔗 Сопоставление полей: Компании (1 из 4)");
    expect((await draft()).entities.companies!.fields[index]!.action).toBe("skip");
  });

  it("refuses a broken file with its problems and paths, and changes nothing", async () => {
    const before = await draft();
    let mark = h.mark();
    await h.upload("mapping.json", Buffer.from("{ not json"));
    expect(h.said(mark)).toContain("Файл не принят, сопоставление не изменилось");
    expect(h.said(mark)).toContain("это не JSON");

    const mapping = await downloaded();
    const rules = mapping.entities.companies!.fields;
    const mapIndex = rules.findIndex((r) => r.action === "map" && "code" in r.target);
    rules[mapIndex] = {
      ...(rules[mapIndex] as Extract<(typeof rules)[number], { action: "map" }>),
      target: { code: "UF_CRM_NO_SUCH" },
    };
    const text = JSON.stringify(mapping).replace('"kind":"copy"', '"kind":"teleport"');
    mark = h.mark();
    await h.upload("mapping.json", Buffer.from(text));
    const answer = h.said(mark);
    expect(answer).toContain("Файл не принят");
    expect(answer).toMatch(
      /entities\.companies\.fields\[\d+\]\.converter\.kind — недопустимое значение/,
    );

    mark = h.mark();
    await h.upload("mapping.json", Buffer.from(JSON.stringify(mapping)));
    expect(h.said(mark)).toContain(
      `entities.companies.fields[${mapIndex}].target.code — в назначении нет поля UF_CRM_NO_SUCH`,
    );
    expect(await draft()).toEqual(before);
  });

  it("asks for a button or a file when text arrives", async () => {
    const mark = h.mark();
    await h.send("что дальше?");
    expect(h.said(mark)).toContain("пришлите файл сопоставления");
  });
});
