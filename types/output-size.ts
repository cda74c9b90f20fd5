/**
 * The output width of a network's size list (its last entry); `number` when known only at run time.
 *
 * @example
 * ```ts
 * type O = OutputSize<[9, 6, 6, 1]>; // 1
 * type D = OutputSize<number[]>;     // number
 * ```
 */
export type OutputSize<S extends readonly number[]> = S extends readonly [...number[], infer L extends number] ? L : number;
