/**
 * Hash-layer benchmarks (docs/hash.md): BLAKE3 merges per second — one @noble call per pair, one WebAssembly
 * call per pair, and a whole layer per WebAssembly call (API with copies, and the kernel on data already in
 * its memory) — Merkle tree builds for 2^16 and 2^20 leaf digests, hashLeaves for 2^16 rows of 32 Goldilocks
 * elements (256 bytes), batch opening and verification, proof-of-work grinding, and SHA-256 (node:crypto)
 * for comparison.
 */
import { blake3 } from "@noble/hashes/blake3.js";
import { BLAKE3_256, KECCAK_256, MerkleTree, SHA_256, Transcript, blake3Hasher, verifyBatch, type Hasher } from "../src/hash/index.js";
import { _blake3WasmReserve } from "../src/hash/blake3-wasm.js";
import { type Measurement, runNativeReference, time } from "./harness.js";

function randomBytes(n: number, seed = 0x2545f491): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = s & 0xff;
  }
  return out;
}

const perSec = (n: number, ms: number) => (n / ms) * 1000;
const mps = (n: number, ms: number) => `${(perSec(n, ms) / 1e6).toFixed(2)} M/s`;

export function benchHash(options: { quick: boolean }): Measurement[] {
  const out: Measurement[] = [];
  const rec = (name: string, params: string, r: { msPerOp: number; runs: number }, extra?: Record<string, number | string>) =>
    out.push({ suite: "hash", name, params, ...r, ...(extra ? { extra } : {}) });
  const budget = options.quick ? 300 : 1500;
  const wasm = blake3Hasher({ backend: "wasm" });
  const noble = blake3Hasher({ backend: "noble" });

  // 1 ----- BLAKE3 merges: per call vs per layer
  const logPairs = options.quick ? 12 : 14;
  const P = 2 ** logPairs;
  const pairs = randomBytes(64 * P);
  const lefts = Array.from({ length: P }, (_, i) => pairs.subarray(64 * i, 64 * i + 32));
  const rights = Array.from({ length: P }, (_, i) => pairs.subarray(64 * i + 32, 64 * i + 64));
  const perCallNoble = time(() => {
    for (let i = 0; i < P; i++) blake3(pairs.subarray(64 * i, 64 * i + 64));
  }, budget);
  rec("BLAKE3 merge, @noble, one call per pair", `2^${logPairs} pairs → ${mps(P, perCallNoble.msPerOp)}`, perCallNoble, { mergesPerSec: perSec(P, perCallNoble.msPerOp) });
  const perCallWasm = time(() => {
    for (let i = 0; i < P; i++) wasm.merge(lefts[i]!, rights[i]!);
  }, budget);
  rec("BLAKE3 merge, WASM, one call per pair", `2^${logPairs} pairs → ${mps(P, perCallWasm.msPerOp)}`, perCallWasm, { mergesPerSec: perSec(P, perCallWasm.msPerOp) });
  const L = 2 ** 16;
  const layer = randomBytes(64 * L, 0x6c078965);
  const layerApi = time(() => wasm.mergeLayer(layer), budget, 5);
  const speedup = perCallNoble.msPerOp / P / (layerApi.msPerOp / L);
  rec("BLAKE3 mergeLayer, WASM, whole layer per call", `2^16 pairs → ${mps(L, layerApi.msPerOp)}, ${speedup.toFixed(0)}× @noble per call`, layerApi, {
    mergesPerSec: perSec(L, layerApi.msPerOp),
    speedupOverNoblePerCall: speedup,
  });
  const { w, mem, data, scratch } = _blake3WasmReserve(96 * L);
  mem.set(layer, data);
  const kernel = time(() => w.exports.mergeLayer(data, data + 64 * L, L, scratch), budget, 5);
  rec("BLAKE3 mergeLayer, WASM kernel (data in WASM memory)", `2^16 pairs → ${mps(L, kernel.msPerOp)}`, kernel, { mergesPerSec: perSec(L, kernel.msPerOp) });
  // the native reference (bench/native/blake3.cpp, same 4-lane algorithm, g++ -O3): checked against @noble first
  const native = runNativeReference("blake3", ["16"], "hash");
  if (native) {
    const r = JSON.parse(native.lines[0]!) as { ms: number; n: number; digest0: string };
    const probe = Uint8Array.from({ length: 64 }, (_, i) => i % 251);
    if (r.digest0 !== Buffer.from(blake3(probe)).toString("hex")) throw new Error(`hash bench: the native BLAKE3 reference disagrees with @noble (${r.digest0})`);
    rec("BLAKE3 mergeLayer, native C++ (g++ -O3, 4 lanes)", `2^16 pairs → ${mps(r.n, r.ms)}; WASM kernel/native ${(kernel.msPerOp / r.ms).toFixed(2)}×`, { msPerOp: r.ms, runs: 15 }, {
      mergesPerSec: perSec(r.n, r.ms),
      wasmOverNative: kernel.msPerOp / r.ms,
      compiler: native.compiler,
    });
  }
  const layerNoble = time(() => noble.mergeLayer(layer.subarray(0, 64 * P)), budget);
  rec("BLAKE3 mergeLayer, @noble reference", `2^${logPairs} pairs → ${mps(P, layerNoble.msPerOp)}`, layerNoble, { mergesPerSec: perSec(P, layerNoble.msPerOp) });
  const shaCall = time(() => {
    for (let i = 0; i < P; i++) SHA_256.merge(lefts[i]!, rights[i]!);
  }, budget);
  rec("SHA-256 merge, node:crypto, one call per pair", `2^${logPairs} pairs → ${mps(P, shaCall.msPerOp)}`, shaCall, { mergesPerSec: perSec(P, shaCall.msPerOp) });
  const shaLayer = time(() => SHA_256.mergeLayer(layer), budget, 3);
  rec("SHA-256 mergeLayer, node:crypto", `2^16 pairs → ${mps(L, shaLayer.msPerOp)}`, shaLayer, { mergesPerSec: perSec(L, shaLayer.msPerOp) });

  // 2 ----- Merkle trees over 32-byte leaf digests
  const treeLogs = options.quick ? [16] : [16, 20];
  for (const logN of treeLogs) {
    const n = 2 ** logN;
    const leaves = randomBytes(32 * n, logN);
    const variants: [string, Hasher][] = [
      ["BLAKE3 WASM", wasm],
      ["SHA-256", SHA_256],
      ["Keccak-256 WASM", KECCAK_256],
    ];
    if (logN <= 16) variants.push(["BLAKE3 @noble", noble]);
    for (const [label, h] of variants) {
      const r = time(() => MerkleTree.build(h, leaves), budget, logN >= 20 ? 2 : 3, 50);
      rec(`Merkle tree build, ${label}`, `2^${logN} leaves → ${mps(n - 1, r.msPerOp)} merges`, r, { mergesPerSec: perSec(n - 1, r.msPerOp) });
    }
  }

  // 3 ----- leaf hashing: 2^16 rows of 32 Goldilocks elements (256 bytes, 4 compressions each)
  const rows = 2 ** 16;
  const rowBytes = 32 * 8;
  const table = randomBytes(rows * rowBytes, 0x1234567);
  for (const [label, h, n] of [
    ["BLAKE3 WASM", wasm, rows],
    ["BLAKE3 @noble", noble, options.quick ? 2 ** 12 : 2 ** 14],
    ["SHA-256", SHA_256, rows],
    ["Keccak-256 WASM", KECCAK_256, rows],
  ] as const) {
    const r = time(() => h.hashLeaves(table.subarray(0, n * rowBytes), rowBytes, n), budget, 3, 50);
    rec(`hashLeaves, ${label}`, `2^${Math.log2(n)} rows × 256 B → ${mps(n, r.msPerOp)} leaves, ${((n * rowBytes) / r.msPerOp / 1e3).toFixed(0)} MB/s`, r, {
      leavesPerSec: perSec(n, r.msPerOp),
      bytesPerSec: perSec(n * rowBytes, r.msPerOp),
    });
  }

  // 4 ----- openings: 80 distinct queries in a 2^20 tree (2^16 in quick mode)
  const logT = options.quick ? 16 : 20;
  const T = 2 ** logT;
  const leaves = randomBytes(32 * T, 99);
  const tree = MerkleTree.build(BLAKE3_256, leaves);
  const indices = new Transcript(BLAKE3_256, "bench", new Uint8Array(0)).drawIndices("q", 80, T);
  const digests = new Uint8Array(32 * indices.length);
  indices.forEach((i, k) => digests.set(leaves.subarray(32 * i, 32 * i + 32), 32 * k));
  const proof = tree.openBatch(indices);
  const single = indices.length * logT;
  rec("Merkle batch opening", `${indices.length} queries, 2^${logT} leaves: ${proof.length} digests (${single} as single paths)`, time(() => tree.openBatch(indices), budget), {
    digests: proof.length,
    singlePathDigests: single,
    bytes: 32 * proof.length,
  });
  rec("Merkle batch verification, BLAKE3", `${indices.length} queries, 2^${logT} leaves`, time(() => verifyBatch(BLAKE3_256, tree.root, T, indices, digests, proof), budget));

  // 5 ----- proof of work: 16 bits (expected 2^16 hashes; the nonce found depends on the state)
  for (const [label, h] of [
    ["BLAKE3 (WASM batches)", BLAKE3_256],
    ["SHA-256", SHA_256],
    ["Keccak-256", KECCAK_256],
  ] as const) {
    let nonce = 0n;
    const r = time(() => (nonce = new Transcript(h, "bench-pow", new Uint8Array(8)).grind(16)), budget, 3, 20);
    rec(`grinding 16 bits, ${label}`, `nonce ${nonce} → ${mps(Number(nonce) + 1, r.msPerOp)} hashes`, r, { nonce: Number(nonce), hashesPerSec: perSec(Number(nonce) + 1, r.msPerOp) });
  }
  return out;
}
