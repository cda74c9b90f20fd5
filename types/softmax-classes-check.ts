/**
 * The check on the size of a softmax head: at least 2 classes (softmax over one output is the
 * constant 1, and learns nothing). `unknown` for 2 or more (or a `number` known only at run time),
 * otherwise an object type whose only key is the sentence; a union is refused if 1 is a member.
 *
 * @example
 * ```ts
 * type Ok = SoftmaxClassesCheck<3>;  // unknown
 * type Bad = SoftmaxClassesCheck<1>; // { "a softmax head needs at least 2 classes, got 1 (for one output, use sigmoid)": true }
 * ```
 */
export type SoftmaxClassesCheck<N extends number> = 1 extends N
  ? number extends N
    ? unknown
    : { readonly 'a softmax head needs at least 2 classes, got 1 (for one output, use sigmoid)': true }
  : unknown;
