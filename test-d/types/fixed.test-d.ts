// Fixed: the type itself, where it does not take part in inference.
import { expectError, expectType } from 'tsd';
import type { Fixed } from '../../types/index.js';

declare function of<T>(): T;
declare function pair<N extends number>(x: { rows: N }, y: { rows: Fixed<N> }): N;

expectType<4>(of<Fixed<4>>());
expectType<2 | 3>(of<Fixed<2 | 3>>());
expectType<number>(of<Fixed<number>>());
expectType<never>(of<Fixed<never>>());
// N comes from x alone: a y of another count is an error, not N = 4 | 3.
declare const four: { rows: 4 };
declare const three: { rows: 3 };
declare const some: { rows: number };
expectType<4>(pair(four, four));
expectError(pair(four, three));
expectType<number>(pair(some, three));
