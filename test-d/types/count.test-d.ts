// Count: a count with its noun, singular only for exactly 1.
import { expectType } from 'tsd';
import type { Count } from '../../types/index.js';

declare function of<T>(): T;

expectType<'1 row'>(of<Count<1, 'row'>>());
expectType<'0 rows'>(of<Count<0, 'row'>>());
expectType<'2 rows'>(of<Count<2, 'row'>>());
expectType<'1 entry'>(of<Count<1, 'entry'>>());
expectType<'5 entries'>(of<Count<5, 'entry'>>());
expectType<'1 output'>(of<Count<1, 'output'>>());
// Edges: run-time counts, unions, huge, fractional and negative literals, never and any.
expectType<'a number of columns'>(of<Count<number, 'column'>>());
expectType<'1 row' | '2 rows'>(of<Count<1 | 2, 'row'>>());
expectType<'1000000 rows'>(of<Count<1_000_000, 'row'>>());
expectType<'1.5 rows'>(of<Count<1.5, 'row'>>());
expectType<'-1 rows'>(of<Count<-1, 'row'>>());
expectType<never>(of<Count<never, 'row'>>());
expectType<'a number of rows'>(of<Count<any, 'row'>>()); // eslint-disable-line @typescript-eslint/no-explicit-any
