/**
 * What both sides feed the Fiat–Shamir transcript first: the AIR's name and shape, the proof options and the
 * public inputs. A proof for other public inputs, another trace length or other options draws other
 * challenges and fails.
 */
import type { Air } from "../air/air.js";
import type { ProofOptions } from "./options.js";

export function transcriptSeed(air: Air, options: ProofOptions): Uint8Array {
  const head = new TextEncoder().encode(
    JSON.stringify({
      air: air.name,
      field: air.field.characteristic.toString(),
      traceLength: air.traceLength,
      traceWidth: air.traceWidth,
      auxWidth: air.aux?.width ?? 0,
      options: [options.blowup, options.queries, options.grindingBits, options.fieldExtension, options.friFoldingFactor, options.friRemainderMaxDegree, options.hash, options.zeroKnowledge],
    }),
  );
  const pub = air.publicInputBytes();
  const out = new Uint8Array(4 + head.length + pub.length);
  new DataView(out.buffer).setUint32(0, head.length, true);
  out.set(head, 4);
  out.set(pub, 4 + head.length);
  return out;
}
