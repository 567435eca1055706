// Many-column transforms on two threads give exactly the one-column results, including odd column counts;
// small inputs stay on the calling thread.
import { describe, expect, it } from "vitest";
import { glFromBigints, glPowers } from "./goldilocks.js";
import { glCosetLde, glInterpolate } from "./goldilocks-fast.js";
import { PARALLEL_MIN_LENGTH, glCosetLdeMany, glInterpolateMany, glParallelAvailable } from "./goldilocks-parallel.js";
import { GL_P } from "./goldilocks.js";
import { GL_GENERATOR } from "./goldilocks-ntt.js";

const column = (seed: number, n: number) => glPowers((BigInt(seed) * 0x9e3779b97f4a7c15n + 7n) % GL_P, n, BigInt(seed + 3));

describe("goldilocks-parallel", () => {
  it("runs on two threads on this machine", () => {
    expect(glParallelAvailable()).toBe(true);
  });
  it.each([2, 3, 5])("LDE of %i columns equals the one-column LDE", (k) => {
    const cols = Array.from({ length: k }, (_, i) => column(i, PARALLEL_MIN_LENGTH));
    const many = glCosetLdeMany(cols, 4, GL_GENERATOR);
    cols.forEach((c, i) => expect(many[i]).toEqual(glCosetLde(c, 4, GL_GENERATOR)));
  });
  it("interpolation of 3 columns equals the one-column interpolation", () => {
    const cols = Array.from({ length: 3 }, (_, i) => column(10 + i, PARALLEL_MIN_LENGTH * 2));
    const many = glInterpolateMany(cols);
    cols.forEach((c, i) => expect(many[i]).toEqual(glInterpolate(c)));
  });
  it("small and single columns stay on this thread (same results)", () => {
    const small = [glFromBigints([1n, 2n, 3n, 4n]), glFromBigints([5n, 6n, 7n, 8n])];
    expect(glCosetLdeMany(small, 2, GL_GENERATOR)).toEqual(small.map((c) => glCosetLde(c, 2, GL_GENERATOR)));
    expect(() => glCosetLdeMany([column(1, PARALLEL_MIN_LENGTH), column(2, PARALLEL_MIN_LENGTH * 2)], 2, GL_GENERATOR)).toThrow(/different lengths/);
  });
});
