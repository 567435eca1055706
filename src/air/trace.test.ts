// Tests of trace building (Winterfell-style TraceTable init + update) and shape checks with typed errors.
import { describe, expect, it } from "vitest";
import { primeField } from "../math/field.js";
import { GOLDILOCKS_FIELD } from "../math/prime-fields.js";
import { TraceShapeError, TraceValidationError } from "./errors.js";
import { buildTrace, checkTraceShape, cloneTrace, isPowerOfTwo, TraceTable, traceRow } from "./trace.js";

const F = GOLDILOCKS_FIELD;
const TOY = primeField(97n, { name: "F97" });

describe("TraceTable (Winterfell-style init + update)", () => {
  it("fills column-major rows from init and update; next starts as a copy of current", () => {
    const t = new TraceTable(F, 3, 8, ["a", "b", "k"]).fill(
      (first) => {
        first[0] = 1n;
        first[1] = 2n;
        first[2] = 42n; // never written by update: carried over
      },
      (step, cur, next) => {
        next[0] = F.add(cur[0]!, 1n);
        next[1] = F.mul(cur[1]!, 2n);
        expect(step).toBeGreaterThanOrEqual(0);
      },
    );
    const trace = t.toTrace();
    expect(trace).toHaveLength(3);
    expect(trace[0]).toEqual([1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n]);
    expect(trace[1]).toEqual([2n, 4n, 8n, 16n, 32n, 64n, 128n, 256n]);
    expect(trace[2]).toEqual(new Array(8).fill(42n));
    expect(t.row(3)).toEqual([4n, 16n, 42n]);
    expect(traceRow(trace, 7)).toEqual([8n, 256n, 42n]);
    expect(t.get(1, 2)).toBe(8n);
  });

  it("update sees step = index of the current row, for steps 0 … n − 2", () => {
    const steps: number[] = [];
    buildTrace(F, 1, 16, () => {}, (s) => void steps.push(s));
    expect(steps).toEqual(Array.from({ length: 15 }, (_, i) => i));
  });

  it("rejects a bad shape with a typed error naming the problem", () => {
    expect(() => new TraceTable(F, 2, 12)).toThrow(TraceShapeError);
    expect(() => new TraceTable(F, 2, 12)).toThrow(/power of two ≥ 8, got 12/);
    expect(() => new TraceTable(F, 2, 4)).toThrow(/got 4/);
    expect(() => new TraceTable(F, 0, 8)).toThrow(/width must be a positive integer/);
    expect(() => new TraceTable(F, 2, 8, ["only one"])).toThrow(/1 column names given for 2 columns/);
  });

  it("refuses non-canonical values written by init or update, naming column and step", () => {
    const bad = () =>
      new TraceTable(TOY, 2, 8, ["x", "y"]).fill(
        () => {},
        (step, cur, next) => {
          next[1] = step === 4 ? 100n : cur[1]!; // 100 ≥ 97: forgot to reduce
        },
      );
    expect(bad).toThrow(TraceShapeError);
    expect(bad).toThrow(/y at step 5: 100 is not a canonical element of F97/);
    try {
      bad();
    } catch (e) {
      const err = e as TraceShapeError;
      expect(err).toBeInstanceOf(TraceValidationError);
      expect(err.kind).toBe("shape");
      expect(err.column).toBe(1);
      expect(err.columnName).toBe("y");
      expect(err.step).toBe(5);
    }
    expect(() => new TraceTable(TOY, 1, 8).fill((f) => (f[0] = -1n), () => {})).toThrow(/c0 at step 0: -1/);
  });

  it("get/set check positions and values", () => {
    const t = new TraceTable(TOY, 2, 8);
    t.set(1, 7, 96n);
    expect(t.get(1, 7)).toBe(96n);
    expect(() => t.get(2, 0)).toThrow(/column 2 is out of range \[0, 2\)/);
    expect(() => t.get(0, 8)).toThrow(/step 8 is out of range \[0, 8\)/);
    expect(() => t.set(0, 0, 97n)).toThrow(/not a canonical element/);
  });
});

describe("checkTraceShape", () => {
  const good = [
    [1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n],
    [0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n],
  ];
  it("accepts a well-formed trace", () => {
    expect(() => checkTraceShape(good, 2, 8, { field: TOY })).not.toThrow();
  });
  it("names the wrong column count, column length and bad cells", () => {
    expect(() => checkTraceShape(good, 3, 8)).toThrow(/expected 3 columns \(main segment\), got 2/);
    const short = cloneTrace(good);
    short[1]!.pop();
    expect(() => checkTraceShape(short, 2, 8, { columnNames: ["a", "b"] })).toThrow(/b has 7 rows, expected 8/);
    const wrongType = cloneTrace(good) as unknown[][];
    wrongType[0]![3] = 4;
    expect(() => checkTraceShape(wrongType, 2, 8)).toThrow(/column 0 at step 3: 4 \(a number\) is not a bigint/);
    const big = cloneTrace(good);
    big[0]![6] = 1000n;
    expect(() => checkTraceShape(big, 2, 8, { field: TOY, name: "demo" })).toThrow(/demo: column 0 at step 6: 1000 is not a canonical element of F97/);
    expect(() => checkTraceShape("nope", 2, 8)).toThrow(/expected an array of 2 columns/);
  });
  it("cloneTrace copies deeply", () => {
    const c = cloneTrace(good);
    c[0]![0] = 99n;
    expect(good[0]![0]).toBe(1n);
  });
});

describe("isPowerOfTwo", () => {
  it("recognises powers of two only", () => {
    expect([1, 2, 8, 1024, 2 ** 40].every(isPowerOfTwo)).toBe(true);
    expect([0, 3, 6, 12, -8, 2.5, NaN, 2 ** 53 + 2].some(isPowerOfTwo)).toBe(false);
  });
});
