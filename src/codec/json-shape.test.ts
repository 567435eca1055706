// jsonShape measures nesting and array length without parsing, and stops at its limits (a 64 MiB hostile text
// costs one pass and a few counters).
import { describe, expect, it } from "vitest";
import { jsonShape } from "./json-shape.js";

const NO_LIMIT = { depth: Infinity, arrayLength: Infinity };

describe("jsonShape", () => {
  it.each([
    ['{"a":1}', 1, 1],
    ['{"a":[1,2,3],"b":["x","y"]}', 2, 3],
    ['{"a":"[[[,,,]]]"}', 1, 1],
    ['{"a":"\\"[[,"}', 1, 1],
    ['[[1,2],[3,4,5,6]]', 2, 4],
    ["[]", 1, 1],
  ])("%s: depth %i, longest array %i", (text, depth, longest) => {
    expect(jsonShape(text, NO_LIMIT)).toEqual({ depth, longestArray: longest });
    if (text.startsWith("{") || text.startsWith("[")) expect(() => JSON.parse(text)).not.toThrow();
  });
  it("stops at the depth limit: 64 MiB of nested arrays costs one short pass", () => {
    const text = `{"x":${"[".repeat(32 << 20)}${"]".repeat(32 << 20)}}`;
    const t0 = performance.now();
    expect(jsonShape(text, { depth: 2, arrayLength: 100 }).depth).toBe(3);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
  it("stops at the array limit", () => {
    expect(jsonShape(`{"a":[${Array.from({ length: 1000 }, () => "1").join(",")}]}`, { depth: 2, arrayLength: 10 }).longestArray).toBe(11);
  });
});
