// The benchmark runner's command line (bench/args.ts): issue 18's trap — `npm run bench -- --help` or a mistyped
// flag silently started the full run and overwrote reports/bench/*.json.
import { describe, expect, it } from "vitest";
import { parseBenchArgs } from "../bench/args.js";

const SUITES = ["lwe", "vm", "genstark"];

describe("npm run bench arguments", () => {
  it("trap: --help (or -h) prints the usage and runs nothing", () => {
    for (const args of [["--help"], ["-h"], ["vm", "--help"]]) {
      const r = parseBenchArgs(args, SUITES);
      expect(r.kind).toBe("help");
      if (r.kind === "help") expect(r.usage).toMatch(/usage: npm run bench .*\n.*suites: lwe, vm, genstark/);
    }
  });
  it("trap: a mistyped flag is an error naming it, not a full run", () => {
    const r = parseBenchArgs(["--quik"], SUITES);
    expect(r).toMatchObject({ kind: "error", message: expect.stringMatching(/^unknown option "--quik": expected --quick or --help/) });
    expect(parseBenchArgs(["vm", "-q"], SUITES)).toMatchObject({ kind: "error" });
  });
  it("an unknown suite is an error naming it and the suites", () => {
    expect(parseBenchArgs(["vmm"], SUITES)).toEqual({ kind: "error", message: 'unknown suite "vmm": expected one of lwe, vm, genstark' });
  });
  it("named suites with --quick run those; none named runs all", () => {
    expect(parseBenchArgs(["vm", "--quick"], SUITES)).toEqual({ kind: "run", quick: true, suites: ["vm"] });
    expect(parseBenchArgs([], SUITES)).toEqual({ kind: "run", quick: false, suites: SUITES });
  });
});
