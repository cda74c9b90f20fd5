/**
 * The input width of a network's size list (its first entry); `number` when known only at run time.
 *
 * @example
 * ```ts
 * type I = InputSize<[9, 6, 6, 1]>; // 9
 * type D = InputSize<number[]>;     // number
 * ```
 */
export type InputSize<S extends readonly number[]> = S extends readonly [infer F extends number, ...number[]] ? F : number;
