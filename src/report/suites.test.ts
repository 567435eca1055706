import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SUITES, SuiteFileError, parseSuiteFile, readSuiteFile } from "./suites.js";
import { GAS } from "./test-fixtures.js";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("suite files", () => {
  it("SUITES lists exactly the suites bench/run.ts registers", () => {
    const src = readFileSync(join(process.cwd(), "bench", "run.ts"), "utf8");
    const literal = /const suites.*? = \{([^}]*)\};/.exec(src)?.[1] ?? ""; // the type has "=>", the assignment " = {"
    const registered = [...literal.matchAll(/(\w+)\s*:/g)].map((m) => m[1]!);
    for (const m of src.matchAll(/^suites\.(\w+)\s*=/gm)) registered.push(m[1]!);
    expect(registered.length).toBeGreaterThan(0);
    expect([...registered].sort()).toEqual([...SUITES].sort());
  });

  it("accept a well-formed file", () => {
    expect(parseSuiteFile(JSON.parse(JSON.stringify(GAS)), "gas.json").results).toHaveLength(GAS.results.length);
  });

  it("reject malformed files, naming the file and the field", () => {
    const bad = (mutate: (j: any) => void): unknown => {
      const j = JSON.parse(JSON.stringify(GAS));
      mutate(j);
      return j;
    };
    expect(() => parseSuiteFile([], "x.json")).toThrow(/x\.json: not a JSON object/);
    expect(() => parseSuiteFile(bad((j) => delete j.results), "x.json")).toThrow(/"results" is not an array/);
    expect(() => parseSuiteFile(bad((j) => (j.results[1].msPerOp = "fast")), "x.json")).toThrow(/results\[1\] \(DataNFT \(deploy\)\) has no msPerOp/);
    expect(() => parseSuiteFile(bad((j) => (j.quick = "yes")), "x.json")).toThrow(SuiteFileError);
    // the spread: numbers, with the median between them
    expect(() => parseSuiteFile(bad((j) => (j.results[0].minMs = "1")), "x.json")).toThrow(/"minMs" is not a number/);
    expect(() => parseSuiteFile(bad((j) => Object.assign(j.results[0], { msPerOp: 5, minMs: 6, maxMs: 9 })), "x.json")).toThrow(/median 5 ms is not between min 6 and max 9/);
    expect(parseSuiteFile(bad((j) => Object.assign(j.results[0], { msPerOp: 5, minMs: 4, maxMs: 9, warmups: 2 })), "x.json").results[0]?.maxMs).toBe(9);
  });

  it("read: absent → undefined; another suite's file or bad JSON → error", () => {
    const dir = mkdtempSync(join(tmpdir(), "report-suites-test-"));
    dirs.push(dir);
    expect(readSuiteFile(dir, "gas")).toBeUndefined();
    writeFileSync(join(dir, "gas.json"), JSON.stringify(GAS));
    expect(readSuiteFile(dir, "gas")?.results[0]?.extra?.gas).toBe(1246796);
    writeFileSync(join(dir, "vm.json"), JSON.stringify(GAS));
    expect(() => readSuiteFile(dir, "vm")).toThrow(/holds suite "gas", expected "vm"/);
    writeFileSync(join(dir, "lwe.json"), "{ truncated");
    expect(() => readSuiteFile(dir, "lwe")).toThrow(/lwe\.json: not valid JSON/);
  });
});
