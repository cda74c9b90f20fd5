// fromRecords: plain objects with named columns into a Matrix; nothing coerced, every refusal named.
import { describe, expect, it } from 'vitest';
import { fromRecords, matrix, ShapeError, ValueError } from '../src/index.js';

const cars = [
  { Name: 'a', Horsepower: 130, Weight_in_lbs: 3504, 'Miles per gallon': 18 },
  { Name: 'b', Horsepower: 165, Weight_in_lbs: 3693, 'Miles per gallon': 15 },
  { Name: 'c', Horsepower: 150, Weight_in_lbs: 3436, 'Miles per gallon': 18 },
];

describe('fromRecords', () => {
  it('puts record i, column j at (i, j), in the order of the names', () => {
    const m = fromRecords(cars, ['Weight_in_lbs', 'Horsepower']);
    expect(m.shape).toEqual([3, 2]);
    expect(m.toArray()).toEqual(cars.map((c) => [c.Weight_in_lbs, c.Horsepower]));
  });

  it('keeps the values bit for bit (no parsing, no rounding) and leaves the records as they were', () => {
    const records = [{ a: 0.1 + 0.2, b: -0 }, { a: 5e-324, b: Number.MAX_VALUE }];
    const before = JSON.stringify(records);
    const m = fromRecords(records, ['a', 'b']);
    expect(Object.is(m.data[0], 0.1 + 0.2) && Object.is(m.data[1], -0) && m.data[2] === 5e-324 && m.data[3] === Number.MAX_VALUE).toBe(true);
    expect(JSON.stringify(records)).toBe(before);
  });

  it('reads parsed JSON (any) and a column list that is only known at run time', () => {
    const parsed = JSON.parse(JSON.stringify(cars));
    const names: string[] = ['Horsepower'];
    expect(fromRecords(parsed, names).toArray()).toEqual([[130], [165], [150]]);
  });

  const bad: [string, unknown, string][] = [
    ['null', null, 'records[1].Horsepower is null, expected a finite number (drop or fill the rows with missing values first)'],
    ['undefined', undefined, 'records[1].Horsepower is undefined, expected a finite number (drop or fill the rows with missing values first)'],
    ['a numeric string', '3', 'records[1].Horsepower is "3", expected a finite number'],
    ['an empty string', '', 'records[1].Horsepower is "", expected a finite number'],
    ['NaN', NaN, 'records[1].Horsepower is NaN, expected a finite number'],
    ['Infinity', Infinity, 'records[1].Horsepower is Infinity, expected a finite number'],
    ['-Infinity', -Infinity, 'records[1].Horsepower is -Infinity, expected a finite number'],
    ['true', true, 'records[1].Horsepower is true, expected a finite number'],
    ['false', false, 'records[1].Horsepower is false, expected a finite number'],
    ['an array', [1], 'records[1].Horsepower is an array, expected a finite number'],
    ['a bigint', 1n, 'records[1].Horsepower is 1n, expected a finite number'],
  ];
  it.each(bad)('refuses %s by row index, column name and value, and coerces nothing', (_, value, message) => {
    const records = [{ Horsepower: 1, Weight: 2 }, { Horsepower: value, Weight: 3 }];
    expect(() => fromRecords(records, ['Weight', 'Horsepower'])).toThrow(new ValueError(message));
  });

  it('names a missing key as missing, and a column name that is not an identifier in brackets', () => {
    expect(() => fromRecords([{ a: 1 }, { b: 2 }] as Record<string, number>[], ['a'])).toThrow(new ValueError('records[1].a is missing, expected a finite number (drop or fill the rows with missing values first)'));
    expect(() => fromRecords([{ 'Miles per gallon': null }], ['Miles per gallon'])).toThrow(
      new ValueError('records[0]["Miles per gallon"] is null, expected a finite number (drop or fill the rows with missing values first)'),
    );
  });

  it('reads own keys only: a name inherited from the prototype is missing', () => {
    expect(() => fromRecords([{ a: 1 }] as Record<string, number>[], ['toString'])).toThrow(/records\[0\]\.toString is missing/);
  });

  it('refuses empty lists, non-arrays, non-object records and bad or repeated column names', () => {
    expect(() => fromRecords([], ['a'] as never)).toThrow(new ShapeError('records has no rows'));
    expect(() => fromRecords(cars, [] as never)).toThrow(new ShapeError('columns has no names'));
    expect(() => fromRecords('cars' as never, ['a'] as never)).toThrow(new ShapeError('records must be an array of objects, got "cars"'));
    expect(() => fromRecords(cars, 'Horsepower' as never)).toThrow(new ShapeError('columns must be an array of column names, got "Horsepower"'));
    expect(() => fromRecords([{ a: 1 }, null] as never, ['a'] as never)).toThrow(new ValueError('records[1] is null, but a record is an object with named values'));
    expect(() => fromRecords([[1, 2]] as never, ['0'] as never)).toThrow(new ValueError('records[0] is an array, but a record is an object with named values'));
    expect(() => fromRecords(cars, ['Horsepower', ''] as never)).toThrow(new ValueError('columns[1] is "", but a column name is a non-empty string'));
    expect(() => fromRecords(cars, [3] as never)).toThrow(new ValueError('columns[0] is 3, but a column name is a non-empty string'));
    expect(() => fromRecords(cars, ['Horsepower', 'Weight_in_lbs', 'Horsepower'])).toThrow(new ValueError('columns names "Horsepower" twice (columns[0] and columns[2])'));
  });
});

describe('rows of numbers of run-time size (no fromRows needed)', () => {
  it('matrix() takes a number[][] of any size, checked through readRows, typed Matrix<number, number>', () => {
    const rows: number[][] = Array.from({ length: 5 }, (_, i) => [i, i * 2, i * 3]);
    const m = matrix(rows);
    expect(m.shape).toEqual([5, 3]);
    expect(m.toArray()).toEqual(rows);
    expect(() => matrix([[1, 2], [3]] as number[][])).toThrow(new ShapeError('rows is ragged: rows[1] has 1 entry but rows[0] has 2'));
    expect(() => matrix([[1, null]] as unknown as number[][])).toThrow(new ValueError('rows[0][1] is null, expected a number'));
  });
});
