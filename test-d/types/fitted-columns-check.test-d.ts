// FittedColumnsCheck: a matrix handed to a fitted scaler has its column count, or one known only at run time.
import { expectType } from 'tsd';
import type { FittedColumnsCheck } from '../../src/index.js';

declare function of<T>(): T;

expectType<unknown>(of<FittedColumnsCheck<5, 5>>());
expectType<unknown>(of<FittedColumnsCheck<number, 5>>());
expectType<unknown>(of<FittedColumnsCheck<5, number>>());
expectType<unknown>(of<FittedColumnsCheck<2 | 3, 3>>());
expectType<'the scaler was fitted on 4 columns, but X has 3'>(of<FittedColumnsCheck<3, 4>>());
expectType<'the scaler was fitted on 1 column, but X has 2'>(of<FittedColumnsCheck<2, 1>>());
