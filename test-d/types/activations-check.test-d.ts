// ActivationsCheck: one activation per layer.
import { expectType } from 'tsd';
import type { ActivationsCheck } from '../../types/index.js';

declare function of<T>(): T;

expectType<unknown>(of<ActivationsCheck<2, ['tanh', 'sigmoid']>>());
expectType<unknown>(of<ActivationsCheck<1, readonly ['linear']>>());
expectType<unknown>(of<ActivationsCheck<number, ['sigmoid']>>());
expectType<unknown>(of<ActivationsCheck<3, string[]>>());
expectType<'activations has 1 entry but there are 2 layers'>(of<ActivationsCheck<2, ['sigmoid']>>());
expectType<'activations has 3 entries but there is 1 layer'>(of<ActivationsCheck<1, ['relu', 'relu', 'sigmoid']>>());
expectType<'activations has 3 entries but there are 2 layers'>(of<ActivationsCheck<2, ['relu', 'relu', 'sigmoid']>>());
