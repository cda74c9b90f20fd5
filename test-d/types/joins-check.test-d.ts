// JoinsCheck: what follows takes what comes before.
import { expectType } from 'tsd';
import type { Dim, JoinsCheck } from '../../types/index.js';

declare function of<T>(): T;

expectType<unknown>(of<JoinsCheck<4, 4>>());
expectType<unknown>(of<JoinsCheck<number, 4>>());
expectType<unknown>(of<JoinsCheck<2 | 3, 4>>());
expectType<'the network gives 3 outputs, but what follows expects 4 inputs'>(of<JoinsCheck<3, 4>>());
expectType<'the network gives 1 output, but what follows expects 1000000 inputs'>(of<JoinsCheck<1, 1_000_000>>());
expectType<'the network gives n outputs, but what follows expects 4 inputs'>(of<JoinsCheck<Dim<'n'>, 4>>());
