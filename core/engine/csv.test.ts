import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "./csv.js";
import { failuresCsv } from "./report.js";

describe("CSV (RFC 4180)", () => {
  it.each([
    ["plain", "plain"],
    ["", ""],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\r\nlines", '"two\r\nlines"'],
    ["lf\nonly", '"lf\nonly"'],
    ["=HYPERLINK(1)", "'=HYPERLINK(1)"],
    ["+7 495", "'+7 495"],
    ["-1", "'-1"],
    ["@cmd", "'@cmd"],
    ['=1,"x"', `"'=1,""x"""`],
  ])("%j → %j", (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it("ends every line with CRLF", () => {
    expect(
      toCsv([
        ["a", "b"],
        ["c", "d,e"],
      ]),
    ).toBe('a,b\r\nc,"d,e"\r\n');
  });

  it("writes the failures with the report's columns", () => {
    const csv = failuresCsv([
      {
        entity: "deals",
        sourceId: "7",
        kind: "invalid_input",
        code: "required_missing",
        path: "target.TITLE",
        message: 'Title "x", empty',
      },
      {
        entity: "contacts",
        sourceId: "9",
        kind: "transient",
        code: undefined,
        path: undefined,
        message: "no answer",
      },
    ]);
    expect(csv).toBe(
      "entity,source_id,kind,code,path,message\r\n" +
        'deals,7,invalid_input,required_missing,target.TITLE,"Title ""x"", empty"\r\n' +
        "contacts,9,transient,,,no answer\r\n",
    );
  });
});
