/** Axis ticks: "nice numbers" (1, 2, 5 × 10^k) for linear axes, powers of ten for log axes. */

/** An axis domain and its ticks; `labels[i]` belongs to `values[i]`, `minor` ticks have no label. */
export interface Ticks {
  readonly min: number;
  readonly max: number;
  readonly values: readonly number[];
  readonly labels: readonly string[];
  readonly minor: readonly number[];
}

/**
 * A nice number near `x` > 0: 1, 2, 5 or 10 times a power of ten (Heckbert, "Nice numbers for
 * graph labels", Graphics Gems, 1990). `round` picks the nearest one, otherwise the smallest ≥ x.
 */
export function niceNumber(x: number, round: boolean): number {
  const exp = Math.floor(Math.log10(x));
  const f = x / 10 ** exp;
  const nice = round ? (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) : f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
  return Number(`${nice}e${exp}`);
}

/**
 * Ticks for a linear axis covering [lo, hi]: about `target` ticks, a step of 1, 2 or 5 × 10^k, and
 * the domain widened to the ticks just outside the data. `integer` keeps the step ≥ 1 (epochs).
 */
export function linearTicks(lo: number, hi: number, target = 6, integer = false): Ticks {
  if (!(hi > lo)) {
    const pad = lo === 0 ? 1 : Math.abs(lo) / 10;
    [lo, hi] = [lo - pad, hi + pad];
  }
  let step = niceNumber(niceNumber(hi - lo, false) / (target - 1), true);
  if (integer) step = Math.max(1, step);
  const first = Math.floor(lo / step + 1e-9);
  const last = Math.ceil(hi / step - 1e-9);
  const values: number[] = [];
  for (let k = first; k <= last; k++) values.push(clean(k * step));
  return { min: values[0]!, max: values[values.length - 1]!, values, labels: values.map((v) => formatTick(v, step)), minor: [] };
}

/**
 * Ticks for a log axis covering [lo, hi] (both > 0): the domain runs from the power of ten at or
 * below lo to the one at or above hi (at least one decade). Each power of ten is labelled (every
 * k-th when there are more than 8 decades); 2× and 5× are labelled too when the span is at most two
 * decades, and 2×…9× are unlabelled minor ticks up to six decades.
 */
export function logTicks(lo: number, hi: number): Ticks {
  let a = Math.floor(Math.log10(lo) + 1e-9);
  let b = Math.ceil(Math.log10(hi) - 1e-9);
  if (b <= a) b = a + 1;
  const every = Math.ceil((b - a) / 8);
  a = Math.floor(a / every) * every;
  b = Math.ceil(b / every) * every;
  const values: number[] = [];
  const minor: number[] = [];
  for (let k = a; k <= b; k += every) {
    values.push(Number(`1e${k}`));
    if (k === b || every > 1 || b - a > 6) continue;
    for (let m = 2; m <= 9; m++) (b - a <= 2 && (m === 2 || m === 5) ? values : minor).push(Number(`${m}e${k}`));
  }
  values.sort((x, y) => x - y);
  return { min: Number(`1e${a}`), max: Number(`1e${b}`), values, labels: values.map(formatLogTick), minor };
}

/** A tick label with just the decimals its step needs: 0.2 → "0.2", 200 → "200", 2e-5 → "2e-5". */
export function formatTick(v: number, step: number): string {
  if (v === 0) return '0';
  if (step < 1e-4 || Math.abs(v) >= 1e6) {
    const digits = Math.max(0, Math.floor(Math.log10(Math.abs(v)) + 1e-9) - Math.floor(Math.log10(step) + 1e-9));
    return v.toExponential(Math.min(digits, 15)).replace(/\.?0+e/, 'e').replace('e+', 'e');
  }
  return v.toFixed(Math.max(0, -Math.floor(Math.log10(step) + 1e-9)));
}

/** m × 10^k as text: plain decimals from 0.0001 to 100000, else "1e-7". */
function formatLogTick(v: number): string {
  const k = Math.floor(Math.log10(v) + 1e-9);
  return k >= -4 && k <= 5 ? String(v) : v.toExponential(0).replace('e+', 'e');
}

/** Removes float noise such as 0.30000000000000004. */
function clean(v: number): number {
  return Number(v.toPrecision(12));
}
