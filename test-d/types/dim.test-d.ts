// Dim and DimName: a run-time dim with a name the checks track.
import { expectAssignable, expectNotAssignable, expectType } from 'tsd';
import type { Count, Dim, DimName, IsLiteral, RowsCheck, SameDim } from '../../types/index.js';

declare function of<T>(): T;

expectAssignable<number>(of<Dim<'n'>>());
expectNotAssignable<Dim<'n'>>(5);
expectNotAssignable<Dim<'n'>>(of<number>());
expectNotAssignable<Dim<'n'>>(of<Dim<'m'>>());
expectType<'n'>(of<DimName<Dim<'n'>>>());
expectType<never>(of<DimName<5>>());
expectType<never>(of<DimName<number>>());
expectType<true>(of<IsLiteral<Dim<'n'>>>());
expectType<true>(of<SameDim<Dim<'n'>, Dim<'n'>>>());
expectType<false>(of<SameDim<Dim<'n'>, Dim<'m'>>>());
expectType<'n rows'>(of<Count<Dim<'n'>, 'row'>>());
expectType<unknown>(of<RowsCheck<'Y', Dim<'n'>, Dim<'n'>>>());
expectType<'Y has m rows but X has n'>(of<RowsCheck<'Y', Dim<'m'>, Dim<'n'>>>());
expectType<'Y has 4 rows but X has n'>(of<RowsCheck<'Y', 4, Dim<'n'>>>());
expectType<'Y has n rows but X has 4'>(of<RowsCheck<'Y', Dim<'n'>, 4>>());
expectType<'Y has a row count known only at run time, but X has n; check it with withRows(Y, n) first'>(of<RowsCheck<'Y', number, Dim<'n'>>>());
expectType<unknown>(of<RowsCheck<'Y', Dim<'n'>, number>>());
