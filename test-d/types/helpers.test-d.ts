// One block per helper in types/, asserting the exact result types (the messages included).
import { expectType } from 'tsd';
import type {
  ChainCheck,
  ColumnsCheck,
  Increment,
  InnerDimCheck,
  InputSize,
  IsLiteral,
  LabelsCheck,
  LayerShapes,
  Mutable,
  OutputSize,
  PositiveIntCheck,
  RectangularCheck,
  RowsCheck,
  SameDim,
  Shaped,
  SizesOf,
} from '../../types/index.js';

declare function of<T>(): T;

// IsLiteral
expectType<true>(of<IsLiteral<9>>());
expectType<false>(of<IsLiteral<number>>());

// SameDim
expectType<true>(of<SameDim<3, 3>>());
expectType<false>(of<SameDim<3, 4>>());
expectType<true>(of<SameDim<number, 4>>());
expectType<true>(of<SameDim<4, number>>());

// Increment
expectType<1>(of<Increment<0>>());
expectType<42>(of<Increment<'41'>>());
expectType<100>(of<Increment<99>>());

// InnerDimCheck
expectType<unknown>(of<InnerDimCheck<3, 3>>());
expectType<'matmul: the left matrix has 3 columns but the right one has 4 rows'>(of<InnerDimCheck<3, 4>>());
expectType<unknown>(of<InnerDimCheck<number, 4>>());

// ColumnsCheck
expectType<unknown>(of<ColumnsCheck<'X', 9, 9>>());
expectType<'X has 8 columns but the network expects 9'>(of<ColumnsCheck<'X', 8, 9>>());
expectType<'X has a column count known only at run time; check it with assertCols(X, 9) first'>(of<ColumnsCheck<'X', number, 9>>());
expectType<unknown>(of<ColumnsCheck<'X', 8, number>>());

// RowsCheck
expectType<unknown>(of<RowsCheck<'Y', 4, 4>>());
expectType<'Y has 3 rows but X has 4'>(of<RowsCheck<'Y', 3, 4>>());

// LabelsCheck
expectType<unknown>(of<LabelsCheck<4, 1, 4, 1>>());
expectType<'Y has 3 rows but X has 4'>(of<LabelsCheck<3, 1, 4, 1>>());
expectType<'Y has 2 columns but the network expects 1'>(of<LabelsCheck<4, 2, 4, 1>>());

// RectangularCheck
expectType<[unknown, unknown]>(of<RectangularCheck<[[1, 2], [3, 4]]>>());
expectType<[unknown, 'row 1 has 2 entries but row 0 has 3']>(of<RectangularCheck<[[1, 2, 3], [4, 5]]>>());

// PositiveIntCheck
expectType<unknown>(of<PositiveIntCheck<6>>());
expectType<unknown>(of<PositiveIntCheck<number>>());
expectType<{ readonly 'layer size must be a positive integer, got 0': true }>(of<PositiveIntCheck<0>>());
expectType<{ readonly 'layer size must be a positive integer, got 1.5': true }>(of<PositiveIntCheck<1.5>>());
expectType<{ readonly 'layer size must be a positive integer, got -3': true }>(of<PositiveIntCheck<-3>>());

// ChainCheck
expectType<[unknown, unknown]>(of<ChainCheck<[Shaped<2, 3>, Shaped<3, 1>]>>());
expectType<[unknown, 'layer 2 expects 4 inputs, but layer 1 gives 3 outputs (weights[1] is 4×1, weights[0] is 2×3)']>(
  of<ChainCheck<[Shaped<2, 3>, Shaped<4, 1>]>>(),
);
expectType<[unknown, unknown, 'layer 3 expects 5 inputs, but layer 2 gives 6 outputs (weights[2] is 5×1, weights[1] is 6×6)']>(
  of<ChainCheck<[Shaped<9, 6>, Shaped<6, 6>, Shaped<5, 1>]>>(),
);

// SizesOf
expectType<[9, 6, 6, 1]>(of<SizesOf<[Shaped<9, 6>, Shaped<6, 6>, Shaped<6, 1>]>>());
expectType<number[]>(of<SizesOf<Shaped[]>>());

// LayerShapes
expectType<[[9, 6], [6, 6], [6, 1]]>(of<LayerShapes<[9, 6, 6, 1]>>());
expectType<[number, number][]>(of<LayerShapes<number[]>>());

// InputSize / OutputSize
expectType<9>(of<InputSize<[9, 6, 6, 1]>>());
expectType<1>(of<OutputSize<[9, 6, 6, 1]>>());
expectType<number>(of<OutputSize<number[]>>());

// Mutable
expectType<[9, 6, 6, 1]>(of<Mutable<readonly [9, 6, 6, 1]>>());

// Singular counts in every sentence (issue 10, point 9): "1 row", "1 column", "1 input", "1 output", "1 entry".
expectType<'Y has 1 row but X has 4'>(of<RowsCheck<'Y', 1, 4>>());
expectType<'X has 1 column but the network expects 2'>(of<ColumnsCheck<'X', 1, 2>>());
expectType<'matmul: the left matrix has 1 column but the right one has 2 rows'>(of<InnerDimCheck<1, 2>>());
expectType<'matmul: the left matrix has 2 columns but the right one has 1 row'>(of<InnerDimCheck<2, 1>>());
expectType<[unknown, 'row 1 has 1 entry but row 0 has 2']>(of<RectangularCheck<[[1, 2], [3]]>>());
expectType<[unknown, 'layer 2 expects 1 input, but layer 1 gives 3 outputs (weights[1] is 1×4, weights[0] is 2×3)']>(of<ChainCheck<[Shaped<2, 3>, Shaped<1, 4>]>>());
expectType<[unknown, 'layer 2 expects 2 inputs, but layer 1 gives 1 output (weights[1] is 2×4, weights[0] is 2×1)']>(of<ChainCheck<[Shaped<2, 1>, Shaped<2, 4>]>>());
expectType<'Y has 0 rows but X has 4'>(of<RowsCheck<'Y', 0, 4>>());

// Unions are not sizes the compiler knows (issue 10, point 4): every check leaves them to the
// run-time check, which uses the same words; none compares a union as if it were one size.
expectType<false>(of<IsLiteral<2 | 3>>());
expectType<true>(of<SameDim<2 | 3, 3>>());
expectType<true>(of<SameDim<3, 2 | 3>>());
expectType<true>(of<SameDim<2 | 3, 3 | 2>>());
expectType<unknown>(of<InnerDimCheck<2 | 3, 3 | 2>>());
expectType<unknown>(of<ColumnsCheck<'X', 3, 2 | 3>>());
expectType<'X has a column count known only at run time; check it with assertCols(X, 3) first'>(of<ColumnsCheck<'X', 2 | 3, 3>>());
expectType<unknown>(of<RowsCheck<'Y', 5, 5 | 6>>());
expectType<unknown>(of<RowsCheck<'Y', 5 | 6, 5>>());
expectType<unknown>(of<LabelsCheck<5, 1, 5 | 6, 1>>());
expectType<unknown>(of<PositiveIntCheck<2 | 3>>());
expectType<{ readonly 'layer size must be a positive integer, got 0': true }>(of<PositiveIntCheck<0 | 3>>());
expectType<{ readonly 'layer size must be a positive integer, got 1.5': true; readonly 'layer size must be a positive integer, got -2': true }>(of<PositiveIntCheck<1.5 | -2 | 4>>());
expectType<'validation Y has 4 rows but validation X has 5'>(of<RowsCheck<'validation Y', 4, 5, 'validation X'>>());
