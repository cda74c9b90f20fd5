/**
 * The check on a dimension given as a literal (a layer size, a matrix's rows or cols): `unknown`
 * for a positive integer (or a `number` known only at run time), otherwise an object type whose
 * only key is the sentence naming the field. (An object, not a string: a number literal
 * intersected with a string literal would collapse to `never` and lose the text.) Read off the
 * literal's text, so it does no arithmetic on big sizes. A union is checked member by member:
 * `0 | 3` is refused for its 0 (either may be the size at run time).
 *
 * @example
 * ```ts
 * type Ok = DimCheck<6, 'rows'>;       // unknown
 * type Zero = DimCheck<0, 'rows'>;     // { "rows must be a positive integer, got 0": true }
 * type Frac = DimCheck<1.5, 'cols'>;   // { "cols must be a positive integer, got 1.5": true }
 * type Some = DimCheck<0 | 3, 'rows'>; // { "rows must be a positive integer, got 0": true }
 * ```
 */
export type DimCheck<N extends number, Field extends string> = number extends N
  ? unknown
  : [NotPositiveInts<N>] extends [never]
    ? unknown
    : { readonly [K in `${Field} must be a positive integer, got ${NotPositiveInts<N>}`]: true };

/** The members of N (one literal, or each of a union such as `0 | 3`) that are not positive integers. */
type NotPositiveInts<N extends number> = N extends unknown
  ? `${N}` extends `-${string}` | `${string}.${string}` | `${string}e${string}` | '0'
    ? N
    : never
  : never;
