import { beforeEach, describe, expect, it } from "vitest";
import { addFile } from "../data/files.js";
import type { Portal } from "../portal.js";
import { expectError, result, run, testPortal } from "./testing.js";

type Rec = Record<string, unknown>;

let portal: Portal;
beforeEach(async () => {
  portal = testPortal();
  await run(portal, "crm.deal.add", { fields: { TITLE: "Big deal" } });
});

describe("tasks.task.add/get/list", () => {
  it("takes UPPER_CASE input and answers camelCase strings in {task}", async () => {
    const { task } = await result<{ task: Rec }>(portal, "tasks.task.add", {
      fields: {
        TITLE: "Prepare contract",
        RESPONSIBLE_ID: 1,
        DEADLINE: "2026-02-01T18:00:00+03:00",
        UF_CRM_TASK: ["D_1"],
        AUDITORS: [1],
      },
    });
    expect(task).toMatchObject({
      id: "1",
      title: "Prepare contract",
      responsibleId: "1",
      createdBy: "1",
      status: "2",
      subStatus: "2",
      deadline: "2026-02-01T18:00:00+03:00",
      ufCrmTask: ["D_1"],
      auditors: ["1"],
      responsible: { id: "1" },
    });
    expect(portal.data.activities.rows.find((a) => a.f.TYPE_ID === 3)?.f).toMatchObject({
      OWNER_TYPE_ID: 2,
      OWNER_ID: 1,
      ASSOCIATED_ENTITY_ID: 1,
    });
    const got = await result<{ task: Rec }>(portal, "tasks.task.get", {
      taskId: 1,
      select: ["ID", "TITLE"],
    });
    expect(got.task).toMatchObject({ id: "1", title: "Prepare contract" });
    expect(got.task).not.toHaveProperty("deadline");
  });

  it("answers the documented errors", async () => {
    await expectError(
      run(portal, "tasks.task.add", {}),
      "100",
      "Could not find value for parameter {fields}",
    );
    await expectError(
      run(portal, "tasks.task.add", { fields: { RESPONSIBLE_ID: 1 } }),
      "ERROR_CORE",
      "Task title is not specified<br>",
    );
    await expectError(
      run(portal, "tasks.task.add", { fields: { TITLE: "x" } }),
      "ERROR_CORE",
      "Responsible person not specified",
    );
    await expectError(
      run(portal, "tasks.task.add", { fields: { TITLE: "x", RESPONSIBLE_ID: 50 } }),
      "ERROR_CORE",
      'User specified in the "Responsible" field not found',
    );
    await expectError(
      run(portal, "tasks.task.add", { fields: { TITLE: "x", RESPONSIBLE_ID: 1, STATUS: 42 } }),
      "ERROR_CORE",
      "Incorrect status",
    );
    await expectError(
      run(portal, "tasks.task.add", { fields: { TITLE: "x", RESPONSIBLE_ID: 1, PARENT_ID: 9 } }),
      "ERROR_CORE",
      "Parent Task",
    );
    await expectError(
      run(portal, "tasks.task.add", {
        fields: {
          TITLE: "x",
          RESPONSIBLE_ID: 1,
          START_DATE_PLAN: "2026-02-02",
          END_DATE_PLAN: "2026-02-01",
        },
      }),
      "ERROR_CORE",
      "The end date in scheduling is earlier than the start date",
    );
    await expectError(run(portal, "tasks.task.get", {}), "100");
    await expectError(run(portal, "tasks.task.get", { taskId: "x" }), "0", "wrong task id");
    await expectError(run(portal, "tasks.task.get", { taskId: 77 }), "ERROR_CORE");
  });

  it("lists {tasks} newest first, filters with prefixes and REAL_STATUS", async () => {
    for (let i = 1; i <= 55; i++) {
      await run(portal, "tasks.task.add", {
        fields: { TITLE: `Task ${i}`, RESPONSIBLE_ID: 1, STATUS: i % 5 === 0 ? 5 : 2 },
      });
    }
    const page = await run(portal, "tasks.task.list", { select: ["ID", "TITLE"] });
    const tasks = (page.result as { tasks: Rec[] }).tasks;
    expect(tasks[0]).toEqual({ id: "55", title: "Task 55" });
    expect(page).toMatchObject({ total: 55, next: 50 });
    const done = await result<{ tasks: Rec[] }>(portal, "tasks.task.list", {
      filter: { REAL_STATUS: 5, ">ID": 40 },
      order: { ID: "asc" },
      select: ["ID"],
    });
    expect(done.tasks.map((t) => t.id)).toEqual(["45", "50", "55"]);
    const like = await result<{ tasks: Rec[] }>(portal, "tasks.task.list", {
      filter: { TITLE: "Task 5%" },
      select: ["ID"],
    });
    expect(like.tasks).toHaveLength(7); // Task 5, Task 50–55
  });
});

describe("task.commentitem (positional)", () => {
  beforeEach(async () => {
    await run(portal, "tasks.task.add", { fields: { TITLE: "T", RESPONSIBLE_ID: 1 } });
  });

  it("adds with 0/1 keys or ordered names, keeps AUTHOR_ID and POST_DATE", async () => {
    const file = addFile(portal.data, {
      name: "scan.pdf",
      bytes: new Uint8Array([1, 2]),
      createdBy: 1,
    });
    expect(
      await result(portal, "task.commentitem.add", {
        0: 1,
        1: {
          POST_MESSAGE: "First",
          POST_DATE: "2024-01-10T09:00:00+03:00",
          UF_FORUM_MESSAGE_DOC: [`n${file.id}`],
        },
      }),
    ).toBe(1);
    expect(
      await result(portal, "task.commentitem.add", {
        TASKID: 1,
        FIELDS: { POST_MESSAGE: "Second" },
      }),
    ).toBe(2);
    const list = await result<Rec[]>(portal, "task.commentitem.getlist", { TASKID: 1 });
    expect(list.map((c) => c.POST_MESSAGE)).toEqual(["Second", "First"]);
    expect(list[1]).toMatchObject({
      ID: "1",
      AUTHOR_ID: "1",
      AUTHOR_NAME: "Admin Portal",
      POST_DATE: "2024-01-10T09:00:00+03:00",
      POST_MESSAGE_HTML: null,
    });
    expect(Object.values(list[1]?.ATTACHED_OBJECTS as Rec)[0]).toMatchObject({
      NAME: "scan.pdf",
      SIZE: "2",
    });
    const asc = await result<Rec[]>(portal, "task.commentitem.getlist", {
      0: 1,
      1: { ID: "asc" },
      2: { ">ID": 1 },
    });
    expect(asc.map((c) => c.ID)).toEqual(["2"]);
  });

  it("fails like the server when positions shift or fields are wrong", async () => {
    await expectError(
      run(portal, "task.commentitem.getlist", {
        TASKID: 1,
        FILTER: { ">=POST_DATE": "2024-01-01" },
      }),
      "ERROR_CORE",
      'must not contain key ">=POST_DATE"',
    );
    await expectError(
      run(portal, "task.commentitem.add", {
        bx24_request_id: "x",
        TASKID: 1,
        FIELDS: { POST_MESSAGE: "x" },
      }),
      "ERROR_CORE",
      "Param #0 (taskId)",
    );
    await expectError(
      run(portal, "task.commentitem.add", { 0: 1, 1: { POST_MESSAGE: "" } }),
      "ERROR_CORE",
      "Comment text not specified.",
    );
    await expectError(
      run(portal, "task.commentitem.add", { 0: 1, 1: { POST_MESSAGE: "x", BAD: 1 } }),
      "ERROR_CORE",
      'must not contain key "BAD"',
    );
    await expectError(
      run(portal, "task.commentitem.getlist", { 0: 99 }),
      "ERROR_CORE",
      "TASKS_ERROR_EXCEPTION_#8",
    );
  });
});
