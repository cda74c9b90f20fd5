// SliceCheck: literal bounds 0 ≤ from < to ≤ depth.
import { expectType } from 'tsd';
import type { SliceCheck } from '../../types/index.js';

declare function of<T>(): T;
type S = [9, 6, 4, 1];

expectType<unknown>(of<SliceCheck<S, 0, 2>>());
expectType<unknown>(of<SliceCheck<S, 0, 3>>());
expectType<unknown>(of<SliceCheck<S, 2, 3>>());
expectType<unknown>(of<SliceCheck<number[], 0, 7>>());
expectType<unknown>(of<SliceCheck<S, number, 7>>());
expectType<{ readonly 'to is 7, but it must be an integer in [0, 3]': true }>(of<SliceCheck<S, 0, 7>>());
expectType<{ readonly 'to is 4, but it must be an integer in [0, 3]': true }>(of<SliceCheck<S, 0, 4>>());
expectType<{ readonly 'from is -1, but it must be an integer in [0, 3]': true }>(of<SliceCheck<S, -1, 2>>());
expectType<{ readonly 'to is 1.5, but it must be an integer in [0, 3]': true }>(of<SliceCheck<S, 0, 1.5>>());
expectType<{ readonly 'from is 2 and to is 2, but a slice needs at least one layer (from < to)': true }>(of<SliceCheck<S, 2, 2>>());
expectType<{ readonly 'from is 3 and to is 1, but a slice needs at least one layer (from < to)': true }>(of<SliceCheck<S, 3, 1>>());
