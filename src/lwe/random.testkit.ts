/**
 * Test kit (not part of the library's API): a RandomSource wrapper that records every draw made from it and from
 * the sources derived from it, to show which randomness two runs share (issue "Sound from model to payment",
 * item 5), and a source that ignores the context it is derived for — what every caller got before that item.
 */
import { bytesToHex } from "@noble/hashes/utils.js";
import { type RandomSource, seededRandom } from "./random.js";

/** Wraps `src`: `drawn` lists every fill (hex, in order), through any depth of `derive`. */
export function recordingSource(src: RandomSource): { readonly source: RandomSource; readonly drawn: string[] } {
  const drawn: string[] = [];
  const wrap = (s: RandomSource): RandomSource => ({
    secure: s.secure,
    label: s.label,
    fill: (out) => {
      s.fill(out);
      drawn.push(bytesToHex(out));
    },
    derive: (label, context) => wrap(s.derive(label, context)),
  });
  return { source: wrap(src), drawn };
}

/** A seeded source whose every derived source is the seed's one plain stream again, whatever the context. */
export function contextBlindSource(seed: string): RandomSource {
  return { ...seededRandom(seed), derive: () => seededRandom(seed) };
}
