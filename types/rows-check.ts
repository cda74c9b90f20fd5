import type { IsLiteral } from './is-literal.js';
import type { Count } from './count.js';
import type { DimName } from './dim.js';

/**
 * The check on the labels of a batch: `Y` must have exactly as many rows as `X` (labels are never
 * broadcast). `unknown` when they can match, otherwise a sentence with both counts. When X's rows
 * are a named run-time dim (`Dim<'n'>`), Y's must be the same name: another name, or a plain
 * `number`, is a sentence too.
 *
 * @example
 * ```ts
 * type Ok = RowsCheck<'Y', 4, 4>;  // unknown
 * type Bad = RowsCheck<'Y', 3, 4>; // "Y has 3 rows but X has 4"
 * type Named = RowsCheck<'Y', Dim<'m'>, Dim<'n'>>; // "Y has m rows but X has n"
 * ```
 */
export type RowsCheck<Name extends string, Actual extends number, Expected extends number, XName extends string = 'X'> =
  IsLiteral<Expected> extends false ? unknown
  : IsLiteral<Actual> extends false
    ? [DimName<Expected>] extends [never]
      ? unknown
      : `${Name} has a row count known only at run time, but ${XName} has ${DimName<Expected>}; check it with withRows(${Name}, ${DimName<Expected>}) first`
    : [Actual] extends [Expected]
      ? unknown
      : `${Name} has ${Count<Actual, 'row'>} but ${XName} has ${DimText<Expected>}`;

/** A dim as a message says it: a named run-time dim by its name, a literal by its value. */
type DimText<D extends number> = [DimName<D>] extends [never] ? `${D}` : DimName<D>;
