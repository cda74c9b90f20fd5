// SameSizes: two literal size lists that differ are a sentence; anything known only at run time passes.
import { expectType } from 'tsd';
import type { SameSizes } from '../../types/index.js';

declare function of<T>(): T;

expectType<unknown>(of<SameSizes<[9, 6, 1], readonly [9, 6, 1]>>());
expectType<unknown>(of<SameSizes<readonly [9, 6, 1], [9, 6, 1]>>());
expectType<unknown>(of<SameSizes<number[], readonly [2, 4, 1]>>());
expectType<unknown>(of<SameSizes<[9, 6, 1], number[]>>());
expectType<unknown>(of<SameSizes<[number, 6, 1], [9, 6, 1]>>());
expectType<'the network has sizes [9, 6, 1] but [2, 4, 1] was expected'>(of<SameSizes<[9, 6, 1], readonly [2, 4, 1]>>());
expectType<'the network has sizes [9, 6, 1] but [9, 6] was expected'>(of<SameSizes<[9, 6, 1], readonly [9, 6]>>());
expectType<unknown>(of<SameSizes<[2 | 3, 1], [4, 1]>>());
