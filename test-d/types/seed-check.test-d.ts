// SeedCheck: a literal seed is a non-negative integer.
import { expectType } from 'tsd';
import type { SeedCheck } from '../../types/index.js';

declare function of<T>(): T;

expectType<unknown>(of<SeedCheck<0>>());
expectType<unknown>(of<SeedCheck<42>>());
expectType<unknown>(of<SeedCheck<4294967295>>());
expectType<unknown>(of<SeedCheck<number>>());
expectType<unknown>(of<SeedCheck<never>>());
expectType<{ readonly 'seed must be an integer in [0, 4294967295], got 0.25': true }>(of<SeedCheck<0.25>>());
expectType<{ readonly 'seed must be an integer in [0, 4294967295], got -1': true }>(of<SeedCheck<-1>>());
expectType<{ readonly 'seed must be an integer in [0, 4294967295], got 1e+21': true }>(of<SeedCheck<1e21>>());
expectType<{ readonly 'seed must be an integer in [0, 4294967295], got 1.5': true }>(of<SeedCheck<1.5 | 3>>());
