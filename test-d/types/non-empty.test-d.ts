// NonEmpty: a literal list the compiler knows is empty is refused with the run-time sentence.
import { expectType } from 'tsd';
import type { NonEmpty } from '../../types/index.js';

declare function of<T>(): T;

expectType<unknown>(of<NonEmpty<[1], 'values', 'entries'>>());
expectType<unknown>(of<NonEmpty<readonly [1, 2, 3], 'values', 'entries'>>());
expectType<unknown>(of<NonEmpty<number[], 'values', 'entries'>>());
expectType<unknown>(of<NonEmpty<readonly number[], 'rows', 'rows'>>());
expectType<'rows has no rows'>(of<NonEmpty<[], 'rows', 'rows'>>());
expectType<'values has no entries'>(of<NonEmpty<readonly [], 'values', 'entries'>>());
// never distributes to nothing; any is not known to be empty.
expectType<never>(of<NonEmpty<never, 'rows', 'rows'>>());
expectType<unknown>(of<NonEmpty<any, 'rows', 'rows'>>()); // eslint-disable-line @typescript-eslint/no-explicit-any
