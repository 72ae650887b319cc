/**
 * Cutting glued digits back into numbers (src/recognise/split.ts): every cut is listed, a number
 * never starts with 0 unless it is 0, and a decimal fraction is allowed only where asked.
 */
import { describe, expect, it } from 'vitest';
import { splitGroup, splitGroups } from '../src/recognise/split.js';

describe('splitGroup: one run of digits into k numbers', () => {
  const cases: [digits: string, k: number, cuts: string[][]][] = [
    ['123', 1, [['123']]],
    ['123', 2, [['1', '23'], ['12', '3']]],
    ['123', 3, [['1', '2', '3']]],
    ['123', 4, []],
    // "0" is a number, "05" is not
    ['105', 2, [['10', '5']]],
    ['100', 2, [['10', '0']]],
    ['005', 2, []],
    ['000', 3, [['0', '0', '0']]],
  ];
  for (const [digits, k, cuts] of cases) {
    it(`${digits} into ${k}`, () => expect(splitGroup(digits, k)).toEqual(cuts));
  }

  it('keeps at most `limit` cuts', () => {
    // C(9,4) ways to place 4 cuts between 10 digits
    expect(splitGroup('1111111111', 5)).toHaveLength(126);
    expect(splitGroup('1111111111', 5, { limit: 10 })).toHaveLength(10);
  });

  it('a decimal fraction only in the last number, and only with `decimals`', () => {
    expect(splitGroup('12.5', 2)).toEqual([]);
    expect(splitGroup('12.5', 2, { decimals: true })).toEqual([['1', '2.5']]);
    expect(splitGroup('10.25', 2, { decimals: true })).toEqual([['1', '0.25']]);
  });
});

describe('splitGroups: several runs, a number never spans two', () => {
  it('lists the cuts of the runs together, in order', () => {
    expect(splitGroups(['12', '3'], 3)).toEqual([['1', '2', '3']]);
    expect(splitGroups(['12', '34'], 3)).toEqual([
      ['12', '3', '4'],
      ['1', '2', '34'],
    ]);
  });

  it('has no cut when the runs cannot make k numbers', () => {
    expect(splitGroups(['12', '3'], 4)).toEqual([]);
    expect(splitGroups(['1', '2', '3'], 2)).toEqual([]);
  });

  it('keeps at most `limit` cuts over all the runs', () => {
    // 5 + 5 digits into 6 numbers: C(4,0)·C(4,4) + C(4,1)·C(4,3) + C(4,2)² + … = 1 + 16 + 36 + 16 + 1
    expect(splitGroups(['11111', '11111'], 6)).toHaveLength(70);
    expect(splitGroups(['11111', '11111'], 6, { limit: 7 })).toHaveLength(7);
  });
});
