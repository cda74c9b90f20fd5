// Checked by `tsc --noEmit` with every supported compiler, TypeScript 7, 5.9 and 5.7 (npm run typecheck): fromOnnx types a
// model with the sizes (and head) you expect, as loadNetwork does; the run time checks the model has them.
import { type ClassifierHead, fromOnnx, type HeadName, type Network, zeros } from '../../src/index.js';
import { assertType, type Equal } from './assert.js';

declare const bytes: Uint8Array;
declare const buffer: ArrayBuffer;

const net = fromOnnx(bytes, [784, 128, 10]);
assertType<Equal<typeof net, Network<[784, 128, 10], HeadName>>>();
const clf = fromOnnx(bytes, [784, 128, 10], { head: 'softmax' });
assertType<Equal<typeof clf, Network<[784, 128, 10], 'softmax'>>>();
const reg = fromOnnx(buffer, [3, 16, 2], { head: 'linear', maxBytes: 1e6 });
assertType<Equal<typeof reg, Network<[3, 16, 2], 'linear'>>>();
const any = fromOnnx(bytes);
assertType<Equal<typeof any, Network<number[], HeadName>>>();
const anyClf = fromOnnx(bytes, undefined, { head: 'sigmoid' });
assertType<Equal<typeof anyClf, Network<number[], 'sigmoid'>>>();
const sizes: number[] = [4, 8, 3];
const runtime = fromOnnx(bytes, sizes, { head: 'softmax' });
assertType<Equal<typeof runtime, Network<number[], 'softmax'>>>();

// The sizes type the batches: the compiler checks the width of X against the model's inputs.
clf.forward(zeros(32, 784));
// @ts-expect-error X has 783 columns but the network expects 784
clf.forward(zeros(32, 783));

function accuracyOn<S extends readonly number[]>(n: Network<S, ClassifierHead>): number {
  return n.depth;
}
accuracyOn(clf);
// @ts-expect-error a linear head is not a classifier
accuracyOn(reg);
// @ts-expect-error the head is not known until checked: pass { head } (or use withHead)
const unchecked: Network<[784, 128, 10], 'softmax'> = fromOnnx(bytes, [784, 128, 10]);

// @ts-expect-error a layer size must be a positive integer (sizes[1] is 0)
fromOnnx(bytes, [784, 0, 10]);
// @ts-expect-error a layer size must be a positive integer (sizes[0] is 2.5)
fromOnnx(bytes, [2.5, 10]);
// @ts-expect-error not a head: Type '"relu"' is not assignable to type '"linear" | "sigmoid" | "softmax"'
fromOnnx(bytes, [4, 3], { head: 'relu' });
// @ts-expect-error not a head, beside a good option
fromOnnx(bytes, [4, 3], { head: 'relu', maxBytes: 1e6 });
// @ts-expect-error not a head, with the sizes left out
fromOnnx(bytes, undefined, { head: 'relu' });
// @ts-expect-error the model is bytes, not text (read the file without an encoding)
fromOnnx('model.onnx', [4, 3]);
// @ts-expect-error not an option of fromOnnx
fromOnnx(bytes, [4, 3], { outputs: 'logits' });
void [unchecked];
