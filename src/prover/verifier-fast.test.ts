import { describe, expect, it } from "vitest";
import { fibonacciAir, fibonacciResult, fibonacciTrace } from "../air/examples/index.js";
import type { Field } from "../math/field.js";
import { GL_P } from "../math/goldilocks.js";
import { GOLDILOCKS_FIELD as F } from "../math/prime-fields.js";
import { type Challenge, challengeField } from "./fields.js";
import { DEFAULT_OPTIONS, INSECURE_TEST_POLICY, type StarkProof, deserializeProof, prove, verify } from "./index.js";
import { proofIsCanonical } from "./proof-canonical.js";

/** The same field under another characteristic: deserializeProof then takes its generic, element-by-element path. */
const generic = <T>(G: Field<T>): Field<T> => Object.freeze({ ...G, characteristic: 1n, fromBytes: G.fromBytes, generator: G.generator });

describe("the verifier's fast paths change no verdict", () => {
  const n = 64;
  const air = fibonacciAir(F, n, { result: fibonacciResult(F, n) });
  const { bytes } = prove(air, fibonacciTrace(F, n), DEFAULT_OPTIONS);
  const E = (d: number) => challengeField(F, d).E;

  it("parses Goldilocks proofs word by word into the same elements, with the same errors", () => {
    const fast = deserializeProof(bytes, F, E);
    expect(fast).toEqual(deserializeProof(bytes, generic(F), (d) => generic(E(d))));
    // a non-canonical first word of the first OOD value
    const word = new Uint8Array(8);
    new DataView(word.buffer).setBigUint64(0, (fast.ood.current[0] as readonly bigint[])[0]!, true);
    const at = bytes.findIndex((_, i) => word.every((b, j) => bytes[i + j] === b));
    const bad = bytes.slice();
    new DataView(bad.buffer).setBigUint64(at, GL_P + 5n, true);
    const message = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as Error).message;
      }
      return "no error";
    };
    expect(message(() => deserializeProof(bad, F, E))).toMatch(/ood current\[0\] is not a field element/);
    expect(message(() => deserializeProof(bad, F, E))).toBe(message(() => deserializeProof(bad, generic(F), (d) => generic(E(d)))));
  });

  it("takes the generic arithmetic for a proof object holding non-canonical values, and rejects it as before", () => {
    const parsed = deserializeProof(bytes, F, E);
    expect(proofIsCanonical(parsed, F, challengeField(F, 3))).toBe(true);
    expect(verify(air, parsed, { policy: INSECURE_TEST_POLICY }).ok).toBe(true);
    const rows = parsed.queries.traceRows.map((r, i) => (i === 0 ? [r[0]! + GL_P, ...r.slice(1)] : r));
    const odd: StarkProof = { ...parsed, queries: { ...parsed.queries, traceRows: rows } };
    expect(proofIsCanonical(odd, F, challengeField(F, 3))).toBe(false);
    const v = verify(air, odd, { policy: INSECURE_TEST_POLICY });
    expect(v.ok).toBe(false);
    const ood = [[GL_P, 0n, 0n] as Challenge, ...parsed.ood.current.slice(1)];
    expect(proofIsCanonical({ ...parsed, ood: { ...parsed.ood, current: ood } }, F, challengeField(F, 3))).toBe(false);
    expect(proofIsCanonical({ ...parsed, queries: undefined } as unknown as StarkProof, F, challengeField(F, 3))).toBe(false);
  });
});
