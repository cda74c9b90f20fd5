/**
 * The check on a seed given as a literal: `unknown` for a non-negative integer (or a `number` known
 * only at run time), otherwise an object type whose only key is the run-time check's sentence.
 * Read off the literal's text, so a fractional, negative or exponent-form seed is refused; an
 * integer literal of 2³² or more passes here and is refused at run time.
 *
 * @example
 * ```ts
 * type Ok = SeedCheck<42>;    // unknown
 * type Frac = SeedCheck<0.25>; // { "seed must be an integer in [0, 4294967295], got 0.25": true }
 * ```
 */
export type SeedCheck<N extends number> = number extends N
  ? unknown
  : [BadSeeds<N>] extends [never]
    ? unknown
    : { readonly [K in `seed must be an integer in [0, 4294967295], got ${BadSeeds<N>}`]: true };

type BadSeeds<N extends number> = N extends unknown ? (`${N}` extends `-${string}` | `${string}.${string}` | `${string}e${string}` | 'NaN' | 'Infinity' ? N : never) : never;
