// AssemblyScript source of the LWE WebAssembly kernels (compiled by scripts/build-wasm.ts into
// src/lwe/kernels/lwe-kernels.wasm.ts). The JS reference is `accumulate` in src/lwe/zq.ts; tests check
// that both produce bit-identical ciphertexts.
//
// combineRowsBatch: for B ciphertexts at once, acc_b += Σ_i c_{b,i} · row_i over all m rows of [A | t],
// where rows are float64 limb values (exact integers < 2^32) and c are small integers. Rows are walked in
// blocks of four so each accumulator is loaded and stored once per block (f64x2 SIMD).

/**
 * rows:   m rows of `width` f64 (width even), row i at rows + 8·i·width
 * coeffs: B × m f64 coefficients, ciphertext b's at coeffs + 8·b·m
 * acc:    B × width f64 accumulators (added to)
 */
export function combineRowsBatch(rows: usize, m: i32, width: i32, coeffs: usize, count: i32, acc: usize): void {
  const rowBytes = <usize>width << 3;
  const mBytes = <usize>m << 3;
  let i = 0;
  // Blocks of four rows stay in cache while every ciphertext of the batch consumes them.
  for (; i + 4 <= m; i += 4) {
    const r0 = rows + <usize>i * rowBytes;
    const r1 = r0 + rowBytes;
    const r2 = r1 + rowBytes;
    const r3 = r2 + rowBytes;
    for (let b = 0; b < count; b++) {
      const cb = coeffs + <usize>b * mBytes + (<usize>i << 3);
      const c0 = load<f64>(cb);
      const c1 = load<f64>(cb, 8);
      const c2 = load<f64>(cb, 16);
      const c3 = load<f64>(cb, 24);
      if (c0 == 0 && c1 == 0 && c2 == 0 && c3 == 0) continue;
      const s0 = f64x2.splat(c0);
      const s1 = f64x2.splat(c1);
      const s2 = f64x2.splat(c2);
      const s3 = f64x2.splat(c3);
      const ab = acc + <usize>b * rowBytes;
      for (let k: usize = 0; k < rowBytes; k += 16) {
        let a = v128.load(ab + k);
        a = f64x2.add(a, f64x2.mul(v128.load(r0 + k), s0));
        a = f64x2.add(a, f64x2.mul(v128.load(r1 + k), s1));
        a = f64x2.add(a, f64x2.mul(v128.load(r2 + k), s2));
        a = f64x2.add(a, f64x2.mul(v128.load(r3 + k), s3));
        v128.store(ab + k, a);
      }
    }
  }
  for (; i < m; i++) {
    const r = rows + <usize>i * rowBytes;
    for (let b = 0; b < count; b++) {
      const c = load<f64>(coeffs + <usize>b * mBytes + (<usize>i << 3));
      if (c == 0) continue;
      const s = f64x2.splat(c);
      const ab = acc + <usize>b * rowBytes;
      for (let k: usize = 0; k < rowBytes; k += 16) {
        v128.store(ab + k, f64x2.add(v128.load(ab + k), f64x2.mul(v128.load(r + k), s)));
      }
    }
  }
}
