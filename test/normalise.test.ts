/**
 * Label and cell normalisation take fast paths for the common text (canonical labels, text of
 * known characters, plain integers). These tests hold the fast paths to the plain definitions
 * on every combination of the characters that matter, so a shortcut can never change a result.
 */
import { describe, expect, it } from 'vitest';
import { isSpace } from '../src/recognise/chars.js';
import { normLabel, parseValue } from '../src/recognise/normalise.js';

/** The definition of normLabel: NFKC, no white space, one kind of quote, comma and full stop. */
const definition = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[“”"＂]/g, '"')
    .replace(/[‘’']/g, "'")
    .replace(/[，,]/g, ',')
    .replace(/[．。]/g, '.')
    .replace(/[:：]$/, '');

// ideographs, ASCII and full-width ASCII, CJK punctuation, quotes, white space of several kinds,
// and characters the fast path must leave to NFKC (…, ①, ﬁ, ㈠)
const ALPHABET = [...'申请第（一）()项，,。．：:“”‘’"\'＂＇ \t\u3000\u00a0、《》【】—·Ａ１3a-/％%…①ﬁ㈠'];

describe('isSpace', () => {
  it('is the regex \\s on every character of the BMP', () => {
    const differ: string[] = [];
    for (let c = 0; c < 0x10000; c++) if (isSpace(c) !== /\s/.test(String.fromCharCode(c))) differ.push(c.toString(16));
    expect(differ).toEqual([]);
    // and it does say yes: a test that could not fail would pass on a function returning false
    expect([0x20, 0x3000, 0xfeff, 0xa0].map(isSpace)).toEqual([true, true, true, true]);
  });
});

describe('normLabel', () => {
  it('equals its definition on every string of up to three characters of the alphabet', () => {
    const mismatches: string[] = [];
    for (const a of ALPHABET)
      for (const b of ['', ...ALPHABET])
        for (const c of ['', ...ALPHABET]) {
          const s = a + b + c;
          if (normLabel(s) !== definition(s)) mismatches.push(s);
        }
    expect(mismatches).toEqual([]);
  });

  it('normalises real labels', () => {
    expect(normLabel('（一）本年新收政府信息公开申请数量')).toBe('(一)本年新收政府信息公开申请数量');
    expect(normLabel('第二十条第（五）项 ')).toBe('第二十条第(五)项');
    expect(normLabel('1．属于国家秘密：')).toBe('1.属于国家秘密');
    expect(normLabel('“三类”申请，共计。')).toBe('"三类"申请,共计.');
    expect(normLabel('行政\u3000许可')).toBe('行政许可');
  });
});

describe('parseValue', () => {
  it('reads plain integers as the general path does', () => {
    expect(parseValue('0')).toEqual({ value: 0, digits: '0' });
    expect(parseValue('0017')).toEqual({ value: 17, digits: '0017' });
    expect(parseValue('251000元', { money: true })).toMatchObject({ value: 25.1, unit: '元' });
    expect(parseValue('１２')).toMatchObject({ value: 12, normalised: 'full-width characters' });
    expect(parseValue(' 7 ')).toEqual({ value: 7, digits: '7' });
    expect(parseValue('\t0\u3000')).toEqual({ value: 0, digits: '0' });
    expect(parseValue('1 2')).toEqual({ value: 12, digits: '12' });
    expect(parseValue('')).toEqual({ value: null, marker: 'blank' });
  });

  it('reads a label as text without trying it as a number, but not the words that begin values', () => {
    expect(parseValue(' 本年新收政府信息公开申请数量')).toEqual({ value: null, marker: 'text' });
    expect(parseValue('增3')).toMatchObject({ value: 3, normalised: '"增" read as +' });
    expect(parseValue('减少2')).toMatchObject({ value: -2 });
    expect(parseValue('暂无')).toEqual({ value: null, marker: 'text' });
    expect(parseValue('无')).toEqual({ value: null, marker: 'text' });
  });
});
