/**
 * Canonical bytes of an AIR's public inputs (the `Air.publicInputBytes()` the Fiat–Shamir transcript absorbs,
 * like Winterfell's `ToElements for PublicInputs`): a little-endian u32 count, then each field element's
 * fixed-length little-endian encoding (`F.toBytes`). Two different input lists never encode alike.
 */
import type { Field } from "../math/field.js";

export function encodePublicInputs(F: Field<bigint>, values: readonly bigint[]): Uint8Array {
  const out = new Uint8Array(4 + values.length * F.byteLength);
  new DataView(out.buffer).setUint32(0, values.length, true);
  values.forEach((v, i) => out.set(F.toBytes(v), 4 + i * F.byteLength));
  return out;
}
