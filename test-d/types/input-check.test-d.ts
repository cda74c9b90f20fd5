// InputCheck: what forward/predict take (a Matrix, one plain row, plain rows), against the input size.
import { expectType } from 'tsd';
import type { Dim, InputCheck, Matrix } from '../../src/index.js';

declare function of<T>(): T;

// One row.
expectType<unknown>(of<InputCheck<readonly [1, 0], 2>>());
expectType<unknown>(of<InputCheck<number[], 2>>());
expectType<unknown>(of<InputCheck<readonly number[], 2>>());
expectType<unknown>(of<InputCheck<readonly [1, 0, 1], number>>());
expectType<unknown>(of<InputCheck<readonly [1, 0, 1], 2 | 3>>());
expectType<"row has 3 entries but the network's input size is 2">(of<InputCheck<readonly [1, 0, 1], 2>>());
expectType<"row has 1 entry but the network's input size is 2">(of<InputCheck<readonly [5], 2>>());
// Rows: per row, so the compiler points at the offending one.
expectType<readonly [unknown, unknown]>(of<InputCheck<readonly [readonly [1, 0], readonly [0, 1]], 2>>());
expectType<readonly [unknown, "row 1 has 1 entry but the network's input size is 2"]>(of<InputCheck<readonly [readonly [1, 0], readonly [1]], 2>>());
expectType<unknown[]>(of<InputCheck<number[][], 2>>());
// Empty, and not numbers.
expectType<'the input has no rows'>(of<InputCheck<readonly [], 2>>());
expectType<'the input must be a Matrix, a row of numbers or a list of rows of numbers'>(of<InputCheck<readonly [1, 'a'], 2>>());
// A Matrix, in ColumnsCheck's words.
expectType<unknown>(of<InputCheck<Matrix<5, 9>, 9>>());
expectType<unknown>(of<InputCheck<Matrix<Dim<'n'>, 9>, 9>>());
expectType<'X has 8 columns but the network expects 9'>(of<InputCheck<Matrix<5, 8>, 9>>());
expectType<'X has a column count known only at run time; check it with assertCols(X, 9) first'>(of<InputCheck<Matrix<5, number>, 9>>());
