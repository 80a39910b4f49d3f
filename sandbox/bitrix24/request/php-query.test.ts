import { describe, expect, it } from "vitest";
import { parsePhpQuery, phpUrlDecode } from "./php-query.js";
import { paramUpper, phpBool, phpIntval } from "./php-values.js";

describe("parsePhpQuery (PHP parse_str)", () => {
  it.each([
    ["ID=42", { ID: "42" }],
    [
      "filter[>ID]=10&select[]=ID&select[]=NAME",
      { filter: { ">ID": "10" }, select: ["ID", "NAME"] },
    ],
    [
      "fields[PHONE][0][VALUE]=1&fields[PHONE][0][VALUE_TYPE]=WORK",
      { fields: { PHONE: [{ VALUE: "1", VALUE_TYPE: "WORK" }] } },
    ],
    ["filter%5B%3EID%5D=10", { filter: { ">ID": "10" } }],
    ["a=1&a=2", { a: "2" }],
    ["a=1&a[b]=2", { a: { b: "2" } }],
    ["a[b]=2&a=1", { a: "1" }],
    ["x[2]=a&x[]=b", { x: { "2": "a", "3": "b" } }],
    ["x[0]=a&x[1]=b", { x: ["a", "b"] }],
    ["x[1]=a&x[0]=b", { x: { "1": "a", "0": "b" } }],
    ["list[][ID]=1&list[][ID]=2", { list: [{ ID: "1" }, { ID: "2" }] }],
    [
      "name=John+Smith&city=%D0%9C%D0%BE%D1%81%D0%BA%D0%B2%D0%B0",
      { name: "John Smith", city: "Москва" },
    ],
    ["flag&empty=", { flag: "", empty: "" }],
    ["a.b=1&c d=2", { a_b: "1", c_d: "2" }],
    ["a[x.y]=1", { a: { "x.y": "1" } }],
    ["a[b=1", { a_b: "1" }],
    ["a[b]c=1", { a: { b: "1" } }],
    ["=1&[x]=2&&", {}],
    ["bad=%zz%4", { bad: "%zz%4" }],
    ["0=12&1[POST_MESSAGE]=hi", { "0": "12", "1": { POST_MESSAGE: "hi" } }],
  ])("%s", (query, expected) => {
    expect(parsePhpQuery(query)).toEqual(expected);
  });

  it("keeps the order of string keys", () => {
    expect(Object.keys(parsePhpQuery("z=1&a=2&m=3"))).toEqual(["z", "a", "m"]);
  });

  it("decodes a run of escapes as UTF-8 and plus as space", () => {
    expect(phpUrlDecode("%E2%82%AC+1")).toBe("€ 1");
  });
});

describe("PHP conversions", () => {
  it.each([
    ["50", 50],
    [" 50", 50],
    ["50abc", 50],
    ["abc", 0],
    ["-1", -1],
    ["1e3", 1000],
    ["2.9", 2],
    [7.8, 7],
    [true, 1],
    [null, 0],
    [[], 0],
    [["x"], 1],
  ])("intval(%j) = %d", (value, expected) => {
    expect(phpIntval(value)).toBe(expected);
  });

  it.each([
    [undefined, false],
    ["0", false],
    ["", false],
    [0, false],
    [false, false],
    [[], false],
    ["false", true],
    ["1", true],
    [1, true],
    [true, true],
    [{ a: 1 }, true],
  ])("(bool)%j = %s", (value, expected) => {
    expect(phpBool(value)).toBe(expected);
  });

  it("looks parameters up case-insensitively", () => {
    expect(paramUpper({ Halt: 1, cmd: "x" }, "halt")).toBe(1);
    expect(paramUpper({ cmd: "x" }, "CMD")).toBe("x");
  });
});
