// SizesCheck: each literal size is a positive integer; the sentence names the entry.
import { expectType } from 'tsd';
import type { SizesCheck } from '../../types/index.js';

declare function of<T>(): T;

expectType<[unknown, unknown, unknown]>(of<SizesCheck<[9, 6, 1]>>());
expectType<readonly [unknown, unknown]>(of<SizesCheck<readonly [9, 1]>>());
expectType<unknown[]>(of<SizesCheck<number[]>>());
expectType<[unknown, { readonly 'sizes[1] must be a positive integer, got 0': true }, unknown]>(of<SizesCheck<[9, 0, 1]>>());
expectType<[{ readonly 'sizes[0] must be a positive integer, got 2.5': true }, unknown]>(of<SizesCheck<[2.5, 1]>>());
expectType<[]>(of<SizesCheck<[]>>());
