// BiasesCheck: one entry per layer, each 1×n_{l+1} or null; lists of run-time length pass.
import { expectType } from 'tsd';
import type { BiasesCheck, Shaped } from '../../types/index.js';

declare function of<T>(): T;
type Ws = [Shaped<2, 3>, Shaped<3, 1>];

expectType<[unknown, unknown]>(of<BiasesCheck<Ws, [null, Shaped<1, 1>]>>());
expectType<readonly [unknown, unknown]>(of<BiasesCheck<Ws, readonly [readonly [1, 2, 3], null]>>());
expectType<unknown>(of<BiasesCheck<Ws, true>>());
expectType<unknown>(of<BiasesCheck<Ws, false>>());
expectType<unknown>(of<BiasesCheck<Ws, (number[] | null)[]>>());
expectType<unknown>(of<BiasesCheck<Shaped[], [null]>>());
expectType<'biases has 1 entry but there are 2 layers'>(of<BiasesCheck<Ws, [null]>>());
expectType<'biases has 3 entries but there are 2 layers'>(of<BiasesCheck<Ws, [null, null, null]>>());
expectType<'biases has 0 entries but there are 2 layers'>(of<BiasesCheck<Ws, []>>());
expectType<[unknown, 'biases[1] is 2×1 but weights[1] gives 1 output, so it must be 1×1']>(of<BiasesCheck<Ws, [null, Shaped<2, 1>]>>());
expectType<['biases[0] is 1×2 but weights[0] gives 3 outputs, so it must be 1×3', unknown]>(of<BiasesCheck<Ws, [[1, 2], null]>>());
expectType<'biases has 2 entries but there is 1 layer'>(of<BiasesCheck<[Shaped<2, 3>], [null, null]>>());
