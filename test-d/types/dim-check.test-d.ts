// DimCheck: a literal dim must be a positive integer; the sentence names the field.
import { expectType } from 'tsd';
import type { DimCheck } from '../../types/index.js';

declare function of<T>(): T;

expectType<unknown>(of<DimCheck<1, 'rows'>>());
expectType<unknown>(of<DimCheck<1_000_000, 'rows'>>());
expectType<unknown>(of<DimCheck<number, 'rows'>>());
expectType<unknown>(of<DimCheck<2 | 3, 'cols'>>());
expectType<unknown>(of<DimCheck<never, 'rows'>>());
expectType<{ readonly 'rows must be a positive integer, got 0': true }>(of<DimCheck<0, 'rows'>>());
expectType<{ readonly 'cols must be a positive integer, got -1': true }>(of<DimCheck<-1, 'cols'>>());
expectType<{ readonly 'cols must be a positive integer, got 2.5': true }>(of<DimCheck<2.5, 'cols'>>());
expectType<{ readonly 'rows must be a positive integer, got 1e+21': true }>(of<DimCheck<1e21, 'rows'>>());
expectType<{ readonly 'rows must be a positive integer, got 0': true }>(of<DimCheck<0 | 3, 'rows'>>());
expectType<unknown>(of<DimCheck<any, 'rows'>>()); // eslint-disable-line @typescript-eslint/no-explicit-any
