/**
 * The `[rows, cols]` of each weight matrix of a network with the given layer sizes: layer l maps
 * sizes[l] inputs to sizes[l+1] outputs. A flat mapped type, so 100 layers cost nothing.
 *
 * @example
 * ```ts
 * type P = LayerShapes<[9, 6, 6, 1]>; // [[9, 6], [6, 6], [6, 1]]
 * type D = LayerShapes<number[]>;     // [number, number][]
 * ```
 */
export type LayerShapes<S extends readonly number[]> = number extends S['length']
  ? [number, number][]
  : S extends readonly [number, ...infer Rest extends number[]]
    ? PairUp<S, Rest>
    : [number, number][];

type PairUp<S extends readonly number[], Rest extends readonly number[]> = {
  -readonly [I in keyof Rest]: [S[I & keyof S], Rest[I]];
};
