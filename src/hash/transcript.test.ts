import { blake3 } from "@noble/hashes/blake3.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GOLDILOCKS_CUBIC, GOLDILOCKS_QUADRATIC } from "../math/extension.js";
import { F128_FIELD, GOLDILOCKS_FIELD } from "../math/prime-fields.js";
import { BLAKE3_256 } from "./blake3.js";
import { TranscriptError } from "./errors.js";
import type { Hasher } from "./hasher.js";
import { SHA_256 } from "./sha256.js";
import { MAX_GRINDING_BITS, Transcript, leadingZeroBits } from "./transcript.js";

const hex = (b: Uint8Array) => bytesToHex(b);
const ascii = (s: string) => new TextEncoder().encode(s);
const PUB = ascii("public inputs: 42");

function u64le(x: number | bigint): number[] {
  let v = BigInt(x);
  return Array.from({ length: 8 }, () => {
    const b = Number(v & 0xffn);
    v >>= 8n;
    return b;
  });
}
const lp = (b: Uint8Array) => [...u64le(b.length), ...b];

/** One step of a protocol run; both sides execute the same list. */
type Op = { kind: "absorb"; label: string; data: Uint8Array } | { kind: "squeeze"; label: string } | { kind: "field"; label: string } | { kind: "indices"; label: string };

/** Runs ops and returns the outputs of every draw, as hex strings. */
function run(t: Transcript, ops: readonly Op[]): string[] {
  const out: string[] = [];
  for (const op of ops) {
    if (op.kind === "absorb") t.absorb(op.label, op.data);
    else if (op.kind === "squeeze") out.push(hex(t.squeeze(op.label)));
    else if (op.kind === "field") out.push(GOLDILOCKS_QUADRATIC.toString(t.drawField(GOLDILOCKS_QUADRATIC, op.label)));
    else out.push(t.drawIndices(op.label, 8, 2 ** 20).join(","));
  }
  return out;
}

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("absorb" as const), label: fc.constantFrom("trace-root", "ood", "x"), data: fc.uint8Array({ maxLength: 80 }) }),
  fc.record({ kind: fc.constant("squeeze" as const), label: fc.constantFrom("alpha", "beta") }),
  fc.record({ kind: fc.constant("field" as const), label: fc.constantFrom("z", "alpha") }),
  fc.record({ kind: fc.constant("indices" as const), label: fc.constant("queries") }),
);

describe("Transcript: encoding (known answers recomputed from the documented formulas)", () => {
  it("initial state, absorb and squeeze follow the header's byte layout", () => {
    const t = new Transcript(BLAKE3_256, "test-protocol", PUB);
    const s0 = blake3(Uint8Array.from([...ascii("encryptai/transcript/v1"), ...lp(ascii("blake3-256")), ...lp(ascii("test-protocol")), ...lp(PUB)]));
    expect(hex(t.digest)).toBe(hex(s0));
    const c0 = blake3(Uint8Array.from([...s0, 0x02, ...u64le(0), ...lp(ascii("alpha"))]));
    expect(hex(t.squeeze("alpha"))).toBe(hex(c0));
    const c1 = blake3(Uint8Array.from([...s0, 0x02, ...u64le(1), ...lp(ascii("alpha"))]));
    expect(hex(t.squeeze("alpha"))).toBe(hex(c1));
    const data = ascii("commitment");
    t.absorb("root", data);
    const s1 = blake3(Uint8Array.from([...s0, 0x01, ...u64le(2), ...lp(ascii("root")), ...lp(data)]));
    expect(hex(t.digest)).toBe(hex(s1));
    expect(hex(t.squeeze("beta"))).toBe(hex(blake3(Uint8Array.from([...s1, 0x02, ...u64le(0), ...lp(ascii("beta"))]))));
  });
  it("drawField takes F.randomBytesLength squeezed bytes; drawIndices reads u32 little-endian words", () => {
    for (const F of [GOLDILOCKS_FIELD, F128_FIELD]) {
      const t = new Transcript(BLAKE3_256, "p", PUB);
      const u = t.clone();
      expect(t.drawField(F, "z")).toBe(F.fromRandomBytes(u.squeezeBytes("z", F.randomBytesLength)));
      expect(hex(t.digest)).toBe(hex(u.digest));
    }
    const E = GOLDILOCKS_QUADRATIC;
    const t = new Transcript(SHA_256, "p", PUB);
    const u = t.clone();
    expect(E.eq(t.drawField(E, "z"), E.fromRandomBytes(u.squeezeBytes("z", E.randomBytesLength)))).toBe(true);
    const bytes = u.clone().squeezeBytes("q", 4 * 10);
    const words = Array.from({ length: 10 }, (_, k) => new DataView(bytes.buffer).getUint32(4 * k, true) % 1024);
    expect(u.drawIndices("q", 10, 1024)).toEqual([...new Set(words)]);
  });
  it("squeezeBytes concatenates squeezes and truncates", () => {
    const t = new Transcript(BLAKE3_256, "p", PUB);
    const u = t.clone();
    const b = t.squeezeBytes("x", 70);
    expect(b.length).toBe(70);
    expect(hex(b)).toBe(hex(Uint8Array.from([...u.squeeze("x"), ...u.squeeze("x"), ...u.squeeze("x")]).subarray(0, 70)));
    expect(t.squeezeBytes("x", 0).length).toBe(0);
    expect(() => t.squeezeBytes("x", -1)).toThrow(TranscriptError);
  });
});

describe("Transcript: prover and verifier agree; every difference changes later draws", () => {
  it("the same sequence gives the same outputs (property, both hashes)", () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 12 }), fc.constantFrom<Hasher>(BLAKE3_256, SHA_256), (ops, h) => {
        expect(run(new Transcript(h, "stark", PUB), ops)).toEqual(run(new Transcript(h, "stark", PUB), ops));
      }),
      { numRuns: 80 },
    );
  });
  it("changing one absorbed byte changes every later draw (property)", () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 10 }), fc.nat(), fc.nat(), (ops, which, bit) => {
        const absorbs = ops.map((op, k) => [op, k] as const).filter(([op]) => op.kind === "absorb");
        const withDraw = [...ops, { kind: "squeeze", label: "final" } as Op];
        fc.pre(absorbs.length > 0);
        const [op, k] = absorbs[which % absorbs.length]!;
        const data = (op as { data: Uint8Array }).data;
        const changed = data.length === 0 ? Uint8Array.of(0) : data.slice();
        if (data.length > 0) changed[bit % data.length]! ^= 1 << (bit % 8);
        const ops2 = withDraw.map((o, j) => (j === k ? { ...(o as { label: string }), kind: "absorb" as const, data: changed } : o));
        const a = run(new Transcript(BLAKE3_256, "stark", PUB), withDraw);
        const b = run(new Transcript(BLAKE3_256, "stark", PUB), ops2);
        const drawsBefore = withDraw.slice(0, k).filter((o) => o.kind !== "absorb").length;
        expect(a.slice(0, drawsBefore)).toEqual(b.slice(0, drawsBefore));
        for (let j = drawsBefore; j < a.length; j++) expect(a[j]).not.toBe(b[j]);
      }),
      { numRuns: 100 },
    );
  });
  it("protocol label, public inputs, hash, absorb labels and the number of draws are all bound", () => {
    const final = (t: Transcript) => hex(t.squeeze("c"));
    const base = () => {
      const t = new Transcript(BLAKE3_256, "stark", PUB);
      t.absorb("root", ascii("r"));
      return t;
    };
    const ref = final(base());
    expect(final(base())).toBe(ref);
    const variants: Transcript[] = [];
    let t = new Transcript(BLAKE3_256, "stark2", PUB);
    t.absorb("root", ascii("r"));
    variants.push(t);
    t = new Transcript(BLAKE3_256, "stark", ascii("public inputs: 43"));
    t.absorb("root", ascii("r"));
    variants.push(t);
    t = new Transcript(SHA_256, "stark", PUB);
    t.absorb("root", ascii("r"));
    variants.push(t);
    t = new Transcript(BLAKE3_256, "stark", PUB);
    t.absorb("rooT", ascii("r"));
    variants.push(t);
    t = new Transcript(BLAKE3_256, "stark", PUB);
    t.squeeze("extra draw before the absorb");
    t.absorb("root", ascii("r"));
    variants.push(t);
    t = base();
    t.squeeze("c"); // an extra draw changes the counter
    variants.push(t);
    // label/data boundary: ("ro", "otr") vs ("root", "r") must differ (length prefixes)
    t = new Transcript(BLAKE3_256, "stark", PUB);
    t.absorb("roo", ascii("tr"));
    variants.push(t);
    const outs = variants.map(final);
    for (const o of outs) expect(o).not.toBe(ref);
    expect(new Set(outs).size).toBe(outs.length);
  });
  it("clone is independent of the original", () => {
    const t = new Transcript(BLAKE3_256, "p", PUB);
    const c = t.clone();
    t.absorb("x", ascii("1"));
    expect(hex(c.digest)).not.toBe(hex(t.digest));
    c.absorb("x", ascii("1"));
    expect(hex(c.squeeze("y"))).toBe(hex(t.squeeze("y")));
  });
});

describe("Transcript.drawFields (batched draws)", () => {
  it.each([
    ["blake3", BLAKE3_256],
    ["sha256", SHA_256],
  ] as const)("gives exactly the draws and the state of drawField called in turn (%s)", (_, hasher) => {
    const fields = [GOLDILOCKS_FIELD, GOLDILOCKS_QUADRATIC, GOLDILOCKS_CUBIC, F128_FIELD] as const;
    for (const F of fields) {
      // labels of several lengths (composition-9, composition-10, ...) and counts across the 1-digit/2-digit edge
      for (const count of [0, 1, 7, 12, 105]) {
        const a = new Transcript(hasher, "p", new Uint8Array([1, 2, 3]));
        const b = a.clone();
        a.drawField(F as never, "before");
        b.drawField(F as never, "before");
        const one = Array.from({ length: count }, (_, i) => a.drawField(F as never, `composition-${i}`));
        const batch = b.drawFields(F as never, count, (i) => `composition-${i}`);
        expect(batch).toEqual(one);
        expect(b.digest).toEqual(a.digest);
        expect(b.squeeze("after")).toEqual(a.squeeze("after"));
        a.absorb("x", new Uint8Array([9]));
        b.absorb("x", new Uint8Array([9]));
        expect(b.drawField(F as never, "next")).toEqual(a.drawField(F as never, "next"));
      }
    }
  });

  it("refuses a bad count", () => {
    const t = new Transcript(BLAKE3_256, "p", new Uint8Array(0));
    expect(() => t.drawFields(GOLDILOCKS_FIELD, -1, String)).toThrow(TranscriptError);
    expect(() => t.drawFields(GOLDILOCKS_FIELD, 1.5, String)).toThrow(TranscriptError);
  });
});

describe("Transcript.drawPowers (one challenge's powers as coefficients)", () => {
  it("is 1, α, α², … for the α one drawField under the label gives, and leaves the state drawField leaves", () => {
    for (const F of [GOLDILOCKS_FIELD, GOLDILOCKS_CUBIC] as const) {
      for (const count of [0, 1, 2, 9, 104]) {
        const a = new Transcript(BLAKE3_256, "p", PUB);
        const b = a.clone();
        const alpha = a.drawField(F as never, "composition") as bigint | bigint[];
        const powers = b.drawPowers(F as never, count, "composition") as (bigint | bigint[])[];
        expect(powers.length).toBe(count);
        let x = (F as never as { ONE: bigint | bigint[] }).ONE;
        for (let i = 0; i < count; i++) {
          expect(powers[i]).toEqual(x);
          x = (F as never as { mul(u: unknown, v: unknown): bigint | bigint[] }).mul(x, alpha);
        }
        expect(b.squeeze("after")).toEqual(a.squeeze("after"));
      }
    }
  });

  it("differs under another label, and refuses a bad count", () => {
    const a = new Transcript(BLAKE3_256, "p", PUB);
    const b = a.clone();
    expect(a.drawPowers(GOLDILOCKS_FIELD, 3, "deep")[1]).not.toBe(b.drawPowers(GOLDILOCKS_FIELD, 3, "composition")[1]);
    expect(() => a.drawPowers(GOLDILOCKS_FIELD, -1, "deep")).toThrow(TranscriptError);
  });
});

describe("Transcript.drawIndices", () => {
  it("gives distinct positions in range, in first-occurrence order, at most count of them", () => {
    const t = new Transcript(BLAKE3_256, "p", PUB);
    for (const [count, size] of [
      [1, 2],
      [30, 16],
      [80, 2 ** 20],
      [500, 64],
      [5, 2 ** 32],
    ] as const) {
      const q = t.drawIndices("q", count, size);
      expect(q.length).toBeGreaterThan(0);
      expect(q.length).toBeLessThanOrEqual(count);
      expect(new Set(q).size).toBe(q.length);
      for (const i of q) expect(Number.isInteger(i) && i >= 0 && i < size).toBe(true);
    }
    expect(t.drawIndices("q", 500, 64).length).toBe(64); // 500 draws cover a domain of 64 (probability 1 − 2^-100)
    expect(t.drawIndices("q", 3, 1)).toEqual([0]);
  });
  it("rejects a domain size that is not a power of two in [1, 2^32] and a count < 1", () => {
    const t = new Transcript(BLAKE3_256, "p", PUB);
    for (const size of [0, 3, 12, 2 ** 33, 1.5, NaN]) expect(() => t.drawIndices("q", 4, size)).toThrow(TranscriptError);
    for (const count of [0, -1, 2.5]) expect(() => t.drawIndices("q", count, 16)).toThrow(/count/);
  });
});

describe("Transcript.drawDistinctIndices (the query positions)", () => {
  it("gives exactly `count` distinct positions in range, deterministically, even where draws collide", () => {
    for (const [count, size] of [
      [1, 2],
      [32, 64],
      [44, 256],
      [80, 2 ** 20],
      [5, 2 ** 32],
    ] as const) {
      const q = new Transcript(BLAKE3_256, "p", PUB).drawDistinctIndices("q", count, size);
      expect(q).toHaveLength(count);
      expect(new Set(q).size).toBe(count);
      for (const i of q) expect(Number.isInteger(i) && i >= 0 && i < size).toBe(true);
      expect(new Transcript(BLAKE3_256, "p", PUB).drawDistinctIndices("q", count, size)).toEqual(q);
    }
  });
  it("duplicate query positions are not counted twice: where drawIndices loses positions to collisions, this one does not", () => {
    // 32 draws in a domain of 64 collide with probability ≈ 1 − e^(−32·31/128) > 0.999
    const lossy = new Transcript(BLAKE3_256, "p", PUB).drawIndices("q/0", 32, 64);
    expect(lossy.length).toBeLessThan(32);
    const distinct = new Transcript(BLAKE3_256, "p", PUB).drawDistinctIndices("q", 32, 64);
    expect(distinct.slice(0, lossy.length)).toEqual(lossy); // round 0 keeps the same first occurrences
    expect(distinct).toHaveLength(32);
  });
  it("refuses more positions than half the domain, a bad domain and a bad count", () => {
    const t = new Transcript(BLAKE3_256, "p", PUB);
    expect(() => t.drawDistinctIndices("q", 33, 64)).toThrow(/need a domain of ≥ 66, got 64/);
    for (const size of [0, 1, 3, 2 ** 33, NaN]) expect(() => t.drawDistinctIndices("q", 1, size)).toThrow(TranscriptError);
    for (const count of [0, -1, 2.5]) expect(() => t.drawDistinctIndices("q", count, 16)).toThrow(/count/);
  });
});

describe("Transcript proof of work", () => {
  it("leadingZeroBits counts from the most significant bit of byte 0", () => {
    expect(leadingZeroBits(Uint8Array.of(0x80, 0))).toBe(0);
    expect(leadingZeroBits(Uint8Array.of(0x01, 0xff))).toBe(7);
    expect(leadingZeroBits(Uint8Array.of(0, 0x20))).toBe(10);
    expect(leadingZeroBits(new Uint8Array(32))).toBe(256);
  });
  it.each([
    ["blake3-256", BLAKE3_256],
    ["sha256", SHA_256],
  ] as const)("grind finds the smallest valid nonce and the verifier accepts it (%s, 10 bits)", (_, h) => {
    const bits = 10;
    const prover = new Transcript(h, "stark", PUB);
    prover.absorb("fri-remainder", ascii("rem"));
    const verifier = prover.clone();
    const start = prover.clone();
    const nonce = prover.grind(bits);
    const pow = (w: bigint) => h.hash(Uint8Array.from([...start.digest, ...ascii("pow"), ...u64le(w)]));
    expect(leadingZeroBits(pow(nonce))).toBeGreaterThanOrEqual(bits);
    for (let w = 0n; w < nonce; w++) expect(leadingZeroBits(pow(w))).toBeLessThan(bits);
    expect(verifier.checkGrinding(nonce, bits)).toBe(true);
    expect(hex(verifier.digest)).toBe(hex(prover.digest)); // both absorbed the nonce
    expect(hex(verifier.squeeze("q"))).toBe(hex(prover.squeeze("q")));
  });
  it("grind(0) returns nonce 0; checkGrinding rejects wrong nonces without changing the state", () => {
    const t = new Transcript(BLAKE3_256, "stark", PUB);
    const v = t.clone();
    expect(t.grind(0)).toBe(0n);
    expect(v.checkGrinding(0n, 0)).toBe(true);
    expect(hex(v.digest)).toBe(hex(t.digest));

    const p = new Transcript(BLAKE3_256, "stark", PUB);
    const before = p.clone();
    const nonce = p.grind(12);
    const w = before.clone();
    const digest = hex(w.digest);
    // A nonce that fails 12 bits (the one just below the smallest valid one, or a later failing one).
    let wrong = nonce === 0n ? 1n : nonce - 1n;
    while (before.clone().checkGrinding(wrong, 12)) wrong++;
    expect(w.checkGrinding(wrong, 12)).toBe(false);
    expect(hex(w.digest)).toBe(digest);
    for (const bad of [-1n, 1n << 64n, 5 as unknown as bigint, "7" as unknown as bigint]) expect(w.checkGrinding(bad, 12)).toBe(false);
    expect(hex(w.digest)).toBe(digest);
    // a different transcript state does not accept this nonce (with overwhelming probability for 12 bits
    // after trying a few states)
    const others = ["a", "b", "c", "d", "e"].map((l) => {
      const o = before.clone();
      o.absorb(l, ascii(l));
      return o.checkGrinding(nonce, 12);
    });
    expect(others.filter(Boolean).length).toBeLessThan(2);
  });
  it("rejects grinding factors outside [0, MAX_GRINDING_BITS] with TranscriptError", () => {
    const t = new Transcript(BLAKE3_256, "p", PUB);
    for (const bits of [-1, MAX_GRINDING_BITS + 1, 1.5, NaN]) {
      expect(() => t.grind(bits)).toThrow(TranscriptError);
      expect(() => t.checkGrinding(0n, bits)).toThrow(TranscriptError);
    }
  });
});
