/** Compile-time equality, for files checked by plain `tsc` (both TS 7 and 5.9) rather than tsd. */
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
export function assertType<T extends true>(): T | void {}
