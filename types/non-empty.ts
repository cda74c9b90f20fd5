/**
 * The check on a literal list that must hold something (a column's values, a matrix's rows, its
 * first row): `unknown` unless the compiler knows it is empty, then the sentence the run-time check
 * also says. A list whose length is known only at run time passes, and is checked then.
 *
 * @example
 * ```ts
 * type Ok = NonEmpty<[1, 2], 'values', 'entries'>;    // unknown
 * type Any = NonEmpty<number[], 'values', 'entries'>; // unknown
 * type Bad = NonEmpty<[], 'rows', 'rows'>;            // "rows has no rows"
 * ```
 */
export type NonEmpty<T extends readonly unknown[], Field extends string, Things extends string> = T extends readonly [] ? `${Field} has no ${Things}` : unknown;
