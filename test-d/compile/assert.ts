/** Compile-time equality, for files checked by plain `tsc` (TS 7, 5.9 and 5.7, the oldest supported) rather than tsd. */
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
export function assertType<T extends true>(): T | void {}
