// IsUnion: a union of dims is not a dim the compiler knows.
import { expectType } from 'tsd';
import type { IsUnion } from '../../types/index.js';

declare function of<T>(): T;

expectType<true>(of<IsUnion<2 | 3>>());
expectType<true>(of<IsUnion<0 | 1 | 1_000_000>>());
expectType<true>(of<IsUnion<'a' | 'b'>>());
expectType<false>(of<IsUnion<3>>());
expectType<false>(of<IsUnion<number>>());
expectType<false>(of<IsUnion<never>>());
expectType<false>(of<IsUnion<any>>()); // eslint-disable-line @typescript-eslint/no-explicit-any
expectType<false>(of<IsUnion<unknown>>());
// boolean is the union true | false.
expectType<true>(of<IsUnion<boolean>>());
