// SoftmaxOutputsCheck: a named softmax head over one output.
import { expectType } from 'tsd';
import type { SoftmaxOutputsCheck } from '../../types/index.js';

declare function of<T>(): T;

expectType<unknown>(of<SoftmaxOutputsCheck<'softmax', 3>>());
expectType<unknown>(of<SoftmaxOutputsCheck<'sigmoid', 1>>());
expectType<unknown>(of<SoftmaxOutputsCheck<'softmax', number>>());
expectType<unknown>(of<SoftmaxOutputsCheck<'softmax' | 'sigmoid', 1>>());
expectType<'a softmax head needs at least 2 classes, got 1 (for one output, use sigmoid)'>(of<SoftmaxOutputsCheck<'softmax', 1>>());
expectType<unknown>(of<SoftmaxOutputsCheck<never, 1>>());
