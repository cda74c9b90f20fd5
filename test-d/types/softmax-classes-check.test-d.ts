// SoftmaxClassesCheck: softmax needs at least two classes.
import { expectType } from 'tsd';
import type { SoftmaxClassesCheck } from '../../types/index.js';

declare function of<T>(): T;
type Refused = { readonly 'a softmax head needs at least 2 classes, got 1 (for one output, use sigmoid)': true };

expectType<unknown>(of<SoftmaxClassesCheck<2>>());
expectType<unknown>(of<SoftmaxClassesCheck<1000>>());
expectType<unknown>(of<SoftmaxClassesCheck<number>>());
expectType<unknown>(of<SoftmaxClassesCheck<2 | 3>>());
expectType<Refused>(of<SoftmaxClassesCheck<1>>());
expectType<Refused>(of<SoftmaxClassesCheck<1 | 3>>());
expectType<unknown>(of<SoftmaxClassesCheck<never>>());
