/**
 * Integer number theory on bigint for setting up prime fields: modular powers and inverses, Miller–Rabin
 * primality, factoring p − 1 (trial division + Pollard–Brent rho), and finding the smallest multiplicative
 * generator (Handbook of Applied Cryptography, §4.2.1 (Miller–Rabin, Alg. 4.24), §3.2.2 (Pollard rho),
 * Alg. 4.80 (generator of a cyclic group from the factorisation of its order)).
 * Not constant-time: parameters only, never secrets.
 */
import { FieldParameterError } from "./errors.js";

/** x mod m in [0, m). */
export function mod(x: bigint, m: bigint): bigint {
  const r = x % m;
  return r < 0n ? r + m : r;
}

/** b^e mod m for e ≥ 0 (square-and-multiply). */
export function modPow(b: bigint, e: bigint, m: bigint): bigint {
  if (e < 0n) throw new RangeError(`modPow: negative exponent ${e}`);
  let r = 1n % m;
  let x = mod(b, m);
  while (e > 0n) {
    if (e & 1n) r = (r * x) % m;
    x = (x * x) % m;
    e >>= 1n;
  }
  return r;
}

/** Number of bits of x ≥ 0 (0 for 0). */
export function bitLength(x: bigint): number {
  return x === 0n ? 0 : x.toString(2).length;
}

// Bases 2..41 make Miller–Rabin deterministic below 3.3·10^24 (Sorenson–Webster 2015); above that each
// further base cuts the error of a composite passing by ≥ 4×, so 2^-80 after the 40 extra bases.
const MR_BASES = [2n, 3n, 5n, 7n, 11n, 13n, 17n, 19n, 23n, 29n, 31n, 37n, 41n];
const SMALL_PRIMES: number[] = (() => {
  const out: number[] = [];
  const sieve = new Uint8Array(1 << 16);
  for (let i = 2; i < sieve.length; i++) {
    if (sieve[i]) continue;
    out.push(i);
    for (let j = i * i; j < sieve.length; j += i) sieve[j] = 1;
  }
  return out;
})();

/** Miller–Rabin; deterministic below 3.3·10^24, error < 2^-80 above. */
export function isProbablePrime(n: bigint): boolean {
  if (n < 2n) return false;
  for (const sp of SMALL_PRIMES.slice(0, 64)) {
    const q = BigInt(sp);
    if (n === q) return true;
    if (n % q === 0n) return false;
  }
  let d = n - 1n;
  let s = 0;
  while ((d & 1n) === 0n) {
    d >>= 1n;
    s++;
  }
  const bases = [...MR_BASES];
  if (n >= 3_317_044_064_679_887_385_961_981n) for (let i = 0; i < 40; i++) bases.push(BigInt(SMALL_PRIMES[20 + i]!));
  outer: for (const a of bases) {
    let x = modPow(a, d, n);
    if (x === 1n || x === n - 1n) continue;
    for (let r = 1; r < s; r++) {
      x = (x * x) % n;
      if (x === n - 1n) continue outer;
    }
    return false;
  }
  return true;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}

/** Pollard–Brent rho: a non-trivial factor of composite n, or undefined within the iteration budget. */
function pollardBrent(n: bigint, budget: number): bigint | undefined {
  for (let c = 1n; c < 20n; c++) {
    let y = 2n;
    let r = 1;
    let q = 1n;
    let g = 1n;
    let x = y;
    let ys = y;
    let steps = 0;
    while (g === 1n) {
      x = y;
      for (let i = 0; i < r; i++) y = (y * y + c) % n;
      let k = 0;
      while (k < r && g === 1n) {
        ys = y;
        const lim = Math.min(128, r - k);
        for (let i = 0; i < lim; i++) {
          y = (y * y + c) % n;
          q = (q * (x > y ? x - y : y - x)) % n;
        }
        g = gcd(q, n);
        k += lim;
      }
      r *= 2;
      steps += r;
      if (steps > budget) return undefined;
    }
    if (g === n) {
      do {
        ys = (ys * ys + c) % n;
        g = gcd(x > ys ? x - ys : ys - x, n);
      } while (g === 1n);
    }
    if (g !== n) return g;
  }
  return undefined;
}

/**
 * The distinct prime factors of n ≥ 1, ascending. Trial division by primes < 2^16, then Pollard–Brent rho
 * with `budget` iterations per split; throws FieldParameterError when a cofactor cannot be split in budget
 * (pass the factorisation explicitly then).
 */
export function primeFactors(n: bigint, budget = 1 << 22): bigint[] {
  if (n < 1n) throw new RangeError(`primeFactors: expected n ≥ 1, got ${n}`);
  const out = new Set<bigint>();
  for (const sp of SMALL_PRIMES) {
    const q = BigInt(sp);
    if (q * q > n) break;
    if (n % q === 0n) {
      out.add(q);
      while (n % q === 0n) n /= q;
    }
  }
  const stack = n > 1n ? [n] : [];
  while (stack.length) {
    const m = stack.pop()!;
    if (isProbablePrime(m)) {
      out.add(m);
      continue;
    }
    const f = pollardBrent(m, budget);
    if (f === undefined) throw new FieldParameterError(`could not factor ${m} within ${budget} rho iterations; pass the prime factors of p − 1`);
    stack.push(f, m / f);
  }
  return [...out].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Smallest generator of Z_p^* given the distinct prime factors of p − 1: g generates iff g^((p−1)/q) ≠ 1
 * for every prime q | p − 1 (HAC Alg. 4.80, scanning g = 2, 3, ...).
 */
export function smallestGenerator(p: bigint, factorsOfPMinus1: readonly bigint[]): bigint {
  for (let g = 2n; g < p; g++) {
    if (factorsOfPMinus1.every((q) => modPow(g, (p - 1n) / q, p) !== 1n)) return g;
  }
  throw new FieldParameterError(`no generator of Z_${p}^* found: is ${p} prime?`);
}
