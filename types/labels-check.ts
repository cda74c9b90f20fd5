import type { ColumnsCheck } from './columns-check.js';
import type { RowsCheck } from './rows-check.js';

/**
 * The check on labels Y for a batch X: one row per row of X (never broadcast) and one column per
 * network output. `unknown` when both fit, otherwise the first sentence that applies.
 *
 * @example
 * ```ts
 * type Ok = LabelsCheck<4, 1, 4, 1>;    // unknown
 * type Rows = LabelsCheck<3, 1, 4, 1>;  // "Y has 3 rows but X has 4"
 * type Cols = LabelsCheck<4, 2, 4, 1>;  // "Y has 2 columns but the network expects 1"
 * ```
 */
export type LabelsCheck<YRows extends number, YCols extends number, XRows extends number, Outputs extends number> =
  unknown extends RowsCheck<'Y', YRows, XRows> ? ColumnsCheck<'Y', YCols, Outputs> : RowsCheck<'Y', YRows, XRows>;
