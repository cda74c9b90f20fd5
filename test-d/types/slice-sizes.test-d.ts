// SliceSizes: the sizes of a run of layers.
import { expectType } from 'tsd';
import type { SliceSizes } from '../../types/index.js';

declare function of<T>(): T;

expectType<[9, 6, 4]>(of<SliceSizes<[9, 6, 4, 1], 0, 2>>());
expectType<[4, 1]>(of<SliceSizes<[9, 6, 4, 1], 2, 3>>());
expectType<[9, 6, 4, 1]>(of<SliceSizes<[9, 6, 4, 1], 0, 3>>());
expectType<[6, 4]>(of<SliceSizes<readonly [9, 6, 4, 1], 1, 2>>());
expectType<number[]>(of<SliceSizes<number[], 0, 2>>());
expectType<number[]>(of<SliceSizes<[9, 6, 1], number, 2>>());
expectType<number[]>(of<SliceSizes<[9, 6, 1], 0, number>>());
expectType<number[]>(of<SliceSizes<[9, 6, 1], 0, never>>());
expectType<number[]>(of<SliceSizes<[9, 6, 1], never, 1>>());
