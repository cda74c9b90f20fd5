// OutShapeCheck: out's rows and columns against the product's; run-time dims pass (checked then).
import { expectType } from 'tsd';
import type { Dim, OutShapeCheck } from '../../types/index.js';

declare function of<T>(): T;

expectType<unknown>(of<OutShapeCheck<2, 1, 2, 1>>());
expectType<unknown>(of<OutShapeCheck<1_000_000, 4096, 1_000_000, 4096>>());
// A dim known only at run time, on either side, is checked at run time instead.
expectType<unknown>(of<OutShapeCheck<2, 1, number, 1>>());
expectType<unknown>(of<OutShapeCheck<2, 1, 2, number>>());
expectType<unknown>(of<OutShapeCheck<number, number, 3, 4>>());
// A named dim is its own size, as everywhere: it matches the same name, not a literal.
expectType<unknown>(of<OutShapeCheck<Dim<'n'>, 1, Dim<'n'>, 1>>());
expectType<'matmul: out has n rows but the product has 2'>(of<OutShapeCheck<2, 1, Dim<'n'>, 1>>());
// Rows first, then columns; singular for 1.
expectType<'matmul: out has 3 rows but the product has 2'>(of<OutShapeCheck<2, 1, 3, 1>>());
expectType<'matmul: out has 1 row but the product has 2'>(of<OutShapeCheck<2, 1, 1, 2>>());
expectType<'matmul: out has 4 columns but the product has 1'>(of<OutShapeCheck<2, 1, 2, 4>>());
expectType<'matmul: out has 1 column but the product has 1000000'>(of<OutShapeCheck<2, 1_000_000, 2, 1>>());
expectType<'matmul: out has 0 rows but the product has 2'>(of<OutShapeCheck<2, 1, 0, 1>>());
// A union is one of its members at run time: not provably wrong, so left to the run-time check.
expectType<unknown>(of<OutShapeCheck<2, 1, 2 | 3, 1>>());
// never has no value to check (the check is never too); any constrains nothing.
expectType<never>(of<OutShapeCheck<2, 1, never, 1>>());
expectType<unknown>(of<OutShapeCheck<2, 1, any, 1>>()); // eslint-disable-line @typescript-eslint/no-explicit-any
