// Regression tests for issue "Sound from model to payment", item 4 (bounded resources): a STARK proof's declared
// counts are checked against their caps and against the bytes present before any list is allocated, so a short
// hostile proof costs neither memory nor time. Each test is named after the attack.
import { describe, expect, it } from "vitest";
import { ByteWriter } from "../codec/binary.js";
import { fibonacciAir, fibonacciResult, fibonacciTrace } from "../air/examples/index.js";
import { GOLDILOCKS_FIELD } from "../math/index.js";
import { FAST_TEST_OPTIONS, VerificationError, challengeField, deserializeProof, prove } from "./index.js";

const F = GOLDILOCKS_FIELD;
const fields = (d: number) => challengeField(F, d).E;

/** Parses `bytes`, returning the VerificationError it throws, the time taken and how much memory grew. */
function refusal(bytes: Uint8Array): { error: unknown; ms: number; grewBytes: number } {
  const used = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const before = used();
  const t0 = performance.now();
  let error: unknown;
  try {
    deserializeProof(bytes, F, fields);
  } catch (e) {
    error = e;
  }
  return { error, ms: performance.now() - t0, grewBytes: used() - before };
}

/** The header of a one-column Fibonacci proof over Goldilocks (no extension), up to the OOD composition values. */
function headerUpToOodComposition(): ByteWriter {
  const w = new ByteWriter().bytes(new TextEncoder().encode("EAIS")).u8(1);
  w.u8(8).u8(4).u8(0).u8(1).u8(4).u8(7).u8(0).u8(0); // blowup, queries, grinding, extension, folding, remainder, blake3, no zk
  w.text("fibonacci").u32(64).u32(1).u32(0); // air, trace length, width, aux width
  w.bytes(new Uint8Array(32)).u8(0).bytes(new Uint8Array(32)); // trace root, no aux, composition root
  w.u32(1).u64(0n).u32(1).u64(0n); // OOD current and next: one element each
  return w;
}

describe("STARK proof counts are bounded before allocating", () => {
  it("a 200-byte proof declaring 2^24 elements is refused before allocating", () => {
    const head = headerUpToOodComposition().u32(1 << 24).finish();
    const bytes = new Uint8Array(200);
    bytes.set(head);
    const { error, ms, grewBytes } = refusal(bytes);
    expect(grewBytes).toBeLessThan(20 << 20);
    expect(ms).toBeLessThan(1000);
    expect(error).toBeInstanceOf(VerificationError);
    expect((error as VerificationError).check).toBe("format");
    expect((error as Error).message).toBe(`format: proof is truncated: ood composition count = 16777216 needs at least 134217728 bytes (8 per element) at offset ${head.length}, ${200 - head.length} left`);
  });

  it("a proof declaring more elements than the cap of 2^24 is refused by the cap", () => {
    const bytes = headerUpToOodComposition().u32((1 << 24) + 1).finish();
    expect(() => deserializeProof(bytes, F, fields)).toThrow("format: ood composition count = 16777217 exceeds 16777216");
  });

  describe("a real proof with one count patched to 2^24 is refused naming that count", () => {
    const n = 64;
    const { bytes } = prove(fibonacciAir(F, n, { result: fibonacciResult(F, n) }), fibonacciTrace(F, n), FAST_TEST_OPTIONS);
    const proof = deserializeProof(bytes, F, fields);
    const E = fields(proof.options.fieldExtension);
    const air = new TextEncoder().encode(proof.context.air);
    const cols = proof.context.traceWidth + proof.context.auxWidth;
    // offsets from the format in proof.ts: magic+version+options 13, air name, context 12, roots 65 (no aux)
    const oodAt = 13 + 4 + air.length + 12 + 32 + 1 + 32;
    const friRootsAt = oodAt + 3 * 4 + (2 * cols + proof.ood.composition.length) * E.byteLength;
    const remainderAt = friRootsAt + 4 + 32 * proof.fri.layerRoots.length;
    const traceRowsAt = remainderAt + 4 + proof.fri.remainder.length * E.byteLength + 8;
    const cases: [string, number, RegExp][] = [
      ["OOD current values", oodAt, /ood current count = 16777216 needs at least/],
      ["FRI layer roots (cap 64)", friRootsAt, /FRI layer roots count = 16777216 exceeds 64/],
      ["FRI remainder", remainderAt, /FRI remainder count = 16777216 needs at least/],
      ["opened trace rows (cap 1024)", traceRowsAt, /trace rows = 16777216 exceeds 1024/],
    ];
    it.each(cases)("%s", (_, at, message) => {
      const bad = Uint8Array.from(bytes);
      expect(new DataView(bad.buffer).getUint32(at, true)).toBeLessThan(1 << 16); // a count field, not data
      new DataView(bad.buffer).setUint32(at, 1 << 24, true);
      const { error, grewBytes } = refusal(bad);
      expect(grewBytes).toBeLessThan(20 << 20);
      expect(error).toBeInstanceOf(VerificationError);
      expect((error as VerificationError).check).toBe("format");
      expect((error as Error).message).toMatch(message);
    });
    it("and the unpatched proof parses (the offsets above are count fields)", () => {
      const view = new DataView(bytes.buffer, bytes.byteOffset);
      expect(view.getUint32(oodAt, true)).toBe(cols);
      expect(view.getUint32(friRootsAt, true)).toBe(proof.fri.layerRoots.length);
      expect(view.getUint32(remainderAt, true)).toBe(proof.fri.remainder.length);
      expect(view.getUint32(traceRowsAt, true)).toBe(proof.queries.traceRows.length);
    });
  });
});
