/**
 * A tuple without `readonly`, so sizes written `[9, 6, 6, 1]` (inferred through a `const` type
 * parameter as `readonly [9, 6, 6, 1]`) give the same `Network<[9, 6, 6, 1]>` as the builder.
 *
 * @example
 * ```ts
 * type T = Mutable<readonly [9, 6, 6, 1]>; // [9, 6, 6, 1]
 * ```
 */
export type Mutable<T extends readonly unknown[]> = { -readonly [K in keyof T]: T[K] };
