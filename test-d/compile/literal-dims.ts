// Checked by `tsc --noEmit` with every supported compiler (npm run typecheck): every door that
// takes a dim as a literal refuses 0, negative and fractional ones with the run-time check's
// sentence, and an empty literal list (issue 10, point 5).
import { assertCols, column, fromArray, matrix, withShape, zeros } from '../../src/index.js';

declare const f: boolean;
const m = zeros(2, 3);

// @ts-expect-error rows must be a positive integer, got 0
zeros(0, 3);
// @ts-expect-error cols must be a positive integer, got -1
zeros(2, -1);
// @ts-expect-error rows must be a positive integer, got 0 (one member of the union)
zeros(f ? 0 : 2, 3);
// @ts-expect-error rows must be a positive integer, got 1.5
fromArray([1, 2, 3], 1.5, 2);
// @ts-expect-error cols must be a positive integer, got 0
fromArray([], 1, 0);
// @ts-expect-error rows must be a positive integer, got 0
withShape(m, 0, 3);
// @ts-expect-error cols must be a positive integer, got 2.5
withShape(m, 2, 2.5);
// @ts-expect-error cols must be a positive integer, got -3
assertCols(m, -3);
// @ts-expect-error values has no entries
column([]);
// @ts-expect-error rows has no rows
matrix([]);
// @ts-expect-error rows[0] has no entries
matrix([[]]);

// Sizes known only at run time are checked then.
declare const n: number;
zeros(n, 3);
fromArray([1, 2, 3], n, 3);
withShape(m, n, n);
assertCols(m, n);
column([] as number[]);
