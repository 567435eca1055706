/**
 * The integer local-minimum search used by the lattice-estimator to optimise the BKZ block size:
 * start at the top of the range, take a step down, then bisect towards the side that improves,
 * first on a coarse grid (every `precision`-th value) and finally scanning the ±precision
 * neighbourhood of the coarse optimum. O(log(range)) evaluations instead of a full scan.
 *
 * Source: malb/lattice-estimator, estimator/util.py (local_minimum_base, local_minimum and its
 * `neighborhood`). Re-implemented so that the visited points — and hence the chosen β, including
 * its tie-breaking (a later point with equal cost replaces the incumbent) — match the estimator.
 */

/** A point in the search with its cost (log2 rop; +∞ means "attack does not succeed"). */
export interface Scored {
  readonly rop: number;
}

/** Options of `localMinimum`. */
export interface LocalMinimumOptions {
  /**
   * Scan the neighbourhood of the coarse optimum afterwards (default true). The estimator's callers
   * that iterate only `for x in it` (e.g. PrimalHybrid.cost_zeta's d search) skip it.
   */
  readonly neighborhood?: boolean;
}

/**
 * The estimator's local_minimum_base: minimise `f` over the integers [start, stop] (both inclusive
 * here) by a gradient step down from `stop` followed by bisection, with the estimator's comparison
 * `smaller(candidate, best)` (default: rop ≤, so a later point of equal cost replaces the incumbent).
 * Returns the best point and its value (the first evaluated point if nothing ever compares smaller).
 * Used directly by searches that take no neighbourhood step (e.g. coded-BKW's b and t2 loops).
 */
export function localMinimumBase<T>(
  start: number,
  stop: number,
  f: (x: number) => T,
  smaller: (candidate: T, best: T) => boolean,
): { x: number; value: T } {
  if (stop < start) throw new RangeError(`localMinimumBase: empty range [${start}, ${stop}]`);
  let sStart = start;
  let sStop = stop;
  let direction = -1; // ±1: gradient step, ±2: bisection step
  let next: number | null = stop;
  let bestX: number | null = null;
  let best: T | null = null;
  const seen = new Set<number>();

  for (;;) {
    if (next === null || seen.has(next) || next < start || next > stop) break;
    const last: number = next;
    const res = f(last);
    seen.add(last);
    if (best === null) {
      best = res;
      bestX = last;
    }
    if (smaller(res, best)) {
      best = res;
      bestX = last;
      if (Math.abs(direction) !== 1) {
        direction = -1;
        next = last - 1;
      } else if (direction === -1) {
        direction = -2;
        sStop = last;
        next = Math.ceil((sStart + sStop) / 2);
      } else {
        direction = 2;
        sStart = last;
        next = Math.floor((sStart + sStop) / 2);
      }
    } else if (direction === -1) {
      direction = 1;
      next = last + 2;
    } else if (direction === 1) {
      next = null;
    } else if (direction === -2) {
      sStart = last;
      next = Math.ceil((sStart + sStop) / 2);
    } else {
      sStop = last;
      next = Math.floor((sStart + sStop) / 2);
    }
    if (next === last) next = null;
  }
  return { x: bestX as number, value: best as T };
}

/**
 * Minimise `f` over integers in [start, stop) (stop exclusive): coarse search on multiples of
 * `precision`, then the neighbourhood [x − precision, x + precision) ∩ [start, stop).
 * Returns the best evaluated result (by `rop`, ties resolved towards the later evaluation).
 */
export function localMinimum<T extends Scored>(
  start: number,
  stop: number,
  precision: number,
  f: (x: number) => T,
  options: LocalMinimumOptions = {},
): T {
  const lo = Math.ceil(start / precision);
  const hi = Math.floor(stop / precision) - 1; // inclusive upper end of the coarse grid
  if (hi < lo) throw new RangeError(`localMinimum: empty range [${start}, ${stop}) at precision ${precision}`);
  const coarse = localMinimumBase(lo, hi, (k) => f(k * precision), (a, b) => a.rop <= b.rop);

  let result = coarse.value;
  if (options.neighborhood === false) return result;
  // neighbourhood scan around the coarse optimum
  const x = coarse.x * precision;
  const from = Math.max(start, x - precision);
  const to = Math.min(stop, x + precision);
  for (let v = from; v < to; v++) {
    const res = f(v);
    if (res.rop <= result.rop) result = res;
  }
  return result;
}

/**
 * The estimator's `early_abort_range` (estimator/util.py): evaluate f at start, start + step, …
 * (< stop) and stop at the first point that is worse than the best so far (ties continue and
 * replace the incumbent). `abort(best, x)` is checked after each evaluation (the estimator's
 * extra `break` conditions).
 *
 * Ties at +∞ (the attack fails at both points) need care: the estimator keeps scanning, one point
 * per step, until a finite cost appears — for n = 32768 that can be thousands of points, each a
 * full inner optimisation. Options:
 * - `infinite: "gallop"`: jump over the failing stretch instead — probe start + step·2^j until a
 *   finite cost appears, then bisect (on the step grid) for the first finite point, and continue
 *   the ordinary scan from there. Equal to the estimator's scan whenever "finite" is monotone along
 *   the stretch (once the attack works it keeps working as x grows), with O(log) evaluations.
 * - `infinite: "stop"` (default): end the scan at a tie at +∞.
 */
export function earlyAbortRange<T extends Scored>(
  start: number,
  stop: number,
  step: number,
  f: (x: number) => T,
  options: { readonly abort?: (best: T, x: number) => boolean; readonly infinite?: "gallop" | "stop" } = {},
): T | null {
  const { abort, infinite = "stop" } = options;
  let best: T | null = null;
  for (let x = start; x < stop; x += step) {
    let res = f(x);
    if (best !== null && res.rop === Infinity && best.rop === Infinity) {
      if (infinite === "stop") break;
      // gallop over the failing stretch: lo fails, hi (if found) succeeds
      let lo = x;
      let hi = -1;
      let hiRes: T | null = null;
      for (let jump = step; lo + jump < stop; jump *= 2) {
        const r = f(lo + jump);
        if (r.rop !== Infinity) {
          hi = lo + jump;
          hiRes = r;
          break;
        }
        lo += jump;
      }
      if (hiRes === null) return res; // fails up to `stop`: the estimator ends on a +∞ point too
      while (hi - lo > step) {
        const mid = lo + Math.floor((hi - lo) / step / 2) * step;
        const r = f(mid);
        if (r.rop !== Infinity) {
          hi = mid;
          hiRes = r;
        } else lo = mid;
      }
      x = hi;
      res = hiRes;
    }
    if (best === null || res.rop <= best.rop) best = res;
    else break;
    if (abort !== undefined && abort(best, x)) break;
  }
  return best;
}
