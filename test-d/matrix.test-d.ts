import { expectAssignable, expectError, expectNotAssignable, expectType } from 'tsd';
import { assertCols, column, fromArray, matmul, Matrix, matrix, transpose, withShape, zeros } from '../src/index.js';

// Literal dims are inferred from literals.
expectType<Matrix<2, 3>>(matrix([[1, 2, 3], [4, 5, 6]]));
expectType<Matrix<1, 1>>(matrix([[7]]));
expectType<Matrix<2, 3>>(zeros(2, 3));
expectType<Matrix<2, 3>>(fromArray([1, 2, 3, 4, 5, 6], 2, 3));
expectType<Matrix<4, 1>>(column([0, 1, 1, 0]));
expectType<[2, 3]>(zeros(2, 3).shape);

// Run-time arrays give run-time dims.
declare const rows: number[][];
expectType<Matrix<number, number>>(matrix(rows));

// A ragged literal does not compile.
expectError(matrix([[1, 2, 3], [4, 5]]));
expectError(matrix([[1], [2, 3]]));

// Products check the inner dim and carry the outer ones.
expectType<Matrix<2, 1>>(matmul(zeros(2, 3), zeros(3, 1)));
expectError(matmul(zeros(2, 3), zeros(4, 1)));
expectError(matmul(zeros(3, 2), zeros(3, 2)));
// With out, the product goes there, and out must have the product's dims.
expectType<Matrix<2, 1>>(matmul(zeros(2, 3), zeros(3, 1), zeros(2, 1)));
expectError(matmul(zeros(2, 3), zeros(3, 1), zeros(1, 2)));
expectError(matmul(zeros(2, 3), zeros(3, 1), zeros(2, 3)));
expectType<Matrix<3, 2>>(transpose(zeros(2, 3)));
// A dim known only at run time is checked at run time instead.
declare const dyn: Matrix;
expectType<Matrix<number, 1>>(matmul(dyn, zeros(5, 1)));
expectType<Matrix<number, 1>>(matmul(dyn, zeros(5, 1), zeros(4, 1)));
// ...and an out whose dims are known only at run time is checked then too.
expectType<Matrix<2, 1>>(matmul(zeros(2, 3), zeros(3, 1), dyn as Matrix<number, 1>));
expectType<Matrix<2, 1>>(matmul(zeros(2, 3), zeros(3, 1), dyn));

// Dims are part of the type: different shapes do not mix, and a run-time matrix is not a literal one.
expectNotAssignable<Matrix<2, 3>>(zeros(3, 2));
expectNotAssignable<Matrix<2, 3>>(dyn);
expectAssignable<Matrix>(zeros(3, 2));
expectNotAssignable<Matrix<2, 3>>({ rows: 2 as const, cols: 3 as const, data: new Float64Array(6) });

// The checked door narrows run-time dims.
expectType<Matrix<5, 9>>(withShape(dyn, 5, 9));
expectType<Matrix<number, 9>>(assertCols(dyn, 9));
