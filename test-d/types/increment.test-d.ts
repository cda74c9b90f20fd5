// Increment and Decrement: decimal-digit arithmetic, any size, no tuples.
import { expectType } from 'tsd';
import type { Decrement, Increment } from '../../types/index.js';

declare function of<T>(): T;

expectType<1>(of<Increment<0>>());
expectType<10>(of<Increment<9>>());
expectType<42>(of<Increment<'41'>>());
expectType<1000>(of<Increment<999>>());
expectType<2000>(of<Increment<1999>>());
expectType<100000>(of<Increment<99999>>());
expectType<never>(of<Increment<never>>());
expectType<0>(of<Decrement<1>>());
expectType<9>(of<Decrement<10>>());
expectType<41>(of<Decrement<'42'>>());
expectType<999>(of<Decrement<1000>>());
expectType<1999>(of<Decrement<2000>>());
expectType<99999>(of<Decrement<100000>>());
expectType<never>(of<Decrement<0>>());
expectType<never>(of<Decrement<never>>());
