/**
 * The softmax rule for a head given by name with its output count known: `unknown` unless the head
 * is exactly 'softmax' and the count exactly 1, then the sentence (as a string, for intersecting
 * with an object argument such as a weight matrix or a list).
 *
 * @example
 * ```ts
 * type Ok = SoftmaxOutputsCheck<'softmax', 3>; // unknown
 * type Sig = SoftmaxOutputsCheck<'sigmoid', 1>; // unknown
 * type Bad = SoftmaxOutputsCheck<'softmax', 1>; // "a softmax head needs at least 2 classes, got 1 (for one output, use sigmoid)"
 * ```
 */
export type SoftmaxOutputsCheck<H, K extends number> = [H] extends [never]
  ? unknown
  : [H] extends ['softmax']
    ? [K] extends [1]
      ? 'a softmax head needs at least 2 classes, got 1 (for one output, use sigmoid)'
      : unknown
    : unknown;
