/**
 * The document as one stream of tokens — label text, values, blanks and row ends — which is
 * what the table recognisers read. Grid rows give one token per cell; lines of text are split
 * into text and numbers, because pdftotext and crawler output keep a table's cells on lines
 * (or glue them into one line) without any cell structure.
 */
import type { Loc } from '../model/report.js';
import type { Block, SourceDocument } from '../read/document.js';
import { charCodes, codeAt, isSpace } from './chars.js';
import { compact, parseValue, type ParsedValue } from './normalise.js';

/** Every field is always present (see newToken); the optional ones hold undefined. */
export interface Token {
  t: 'text' | 'value' | 'blank' | 'end';
  raw: string;
  loc: Loc;
  /** Index of the block the token comes from. */
  block: number;
  /** From a table grid: the row ends are real row boundaries. */
  grid: boolean;
  /** Digits written against label text with no separator: may be several numbers run together. */
  glued: boolean;
  /** What the reader had to interpret to produce the text (see TableCell.note). */
  note: string | undefined;
  /** Grid tokens: which grid row (unique in the document) the cell is in. */
  rowId: number | undefined;
  /** The token's reading as a cell, computed once (see tokenValue). */
  parsed: ParsedValue | undefined;
}

/**
 * A token with every field present, in one order. Tokens are read by most of recognition; one
 * object shape for all of them keeps that code monomorphic, where optional fields added later
 * (`glued`, `parsed`) gave each token kind its own hidden class and the optimiser had to
 * generalise, and recompile, every reader of tokens.
 */
export function newToken(t: Token['t'], raw: string, loc: Loc, block: number, grid = false, rowId?: number, parsed?: ParsedValue): Token {
  return { t, raw, loc, block, grid, glued: false, note: undefined, rowId, parsed };
}

/**
 * The token with other text: a copy, whose reading is made from the new text (a spread copy would
 * carry the cached reading of the old one).
 */
export function withRaw(t: Token, raw: string): Token {
  return { ...t, raw, parsed: undefined };
}

/** A value token's reading (cached on the token: tables read the same token several times). */
export function tokenValue(t: Token): ParsedValue {
  return (t.parsed ??= parseValue(t.raw, { money: true }));
}

const PAGE_NUMBER = /^\s*(?:[-—–－]\s*\d{1,3}\s*[-—–－]|第\s*\d{1,3}\s*页(?:\s*[,，]?\s*共\s*\d{1,3}\s*页)?)\s*$/;

export function tokenize(doc: SourceDocument): Token[] {
  const out: Token[] = [];
  doc.blocks.forEach((block, index) => {
    if (block.kind === 'table') gridTokens(block, index, out);
    else lineTokens(block.text, block.loc, index, out);
  });
  return out;
}

let nextRowId = 0;

function gridTokens(block: Extract<Block, { kind: 'table' }>, index: number, out: Token[]): void {
  const grid = block.structure === 'grid';
  for (const row of block.rows) {
    const rowId = nextRowId++;
    for (const cell of row) {
      // a merged cell is read once, at its origin
      if (cell.spanned) continue;
      const raw = cell.text;
      const text = raw.trim();
      if (!text) {
        out.push(newToken('blank', raw, cell.loc, index, grid, rowId));
        continue;
      }
      const parsed = parseValue(raw, { money: true });
      if (parsed.value !== null || parsed.marker === 'dash' || parsed.marker === 'slash' || /^(空|无|暂无)$/.test(text)) {
        const token = newToken('value', raw, cell.loc, index, grid, rowId, parsed);
        token.note = cell.note;
        out.push(token);
      } else if (!grid) {
        lineTokens(raw, cell.loc, index, out, false);
      } else out.push(newToken('text', compact(text), cell.loc, index, grid, rowId));
    }
    out.push(newToken('end', '', row[0]?.loc ?? block.loc, index, grid));
  }
}

// Characters are compared by code, never as one-character strings: an ideograph read as line[i]
// is a new string, and these tests run for every character of every line.
/** ASCII or full-width digit (-1, past the end of a line, is none). */
const isDigitCode = (c: number) => (c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19);
/** White space or no character at all (the start or end of the line). */
const spaceOrEdge = (s: string, at: number) => at < 0 || at >= s.length || isSpace(s.charCodeAt(at));
/** An ideograph, a Latin letter, an opening quote or bracket: text follows. */
const isCjkOrLetter = (k: number) =>
  (k >= 0x3400 && k <= 0x9fff) || (k >= 0xf900 && k <= 0xfaff) || (k >= 65 && k <= 90) || (k >= 97 && k <= 122) || k === 0x201c || k === 0x201d || k === 34 || k === 0xff08 || k === 40;
const SIGNS = charCodes('-－−+＋增减');
const DECIMAL_POINTS = charCodes('.．');
const THOUSANDS = charCodes(',，');
/** Marks after a label's number: "1.属于…", "2、重复…". */
const NUMBERING_MARKS = charCodes('.．、');
const [OPEN, FULL_OPEN, CLOSE, FULL_CLOSE, DI, WAN, YUAN] = [...'(（)）第万元'].map((c) => c.charCodeAt(0));
/** After these a number is a separate cell even without a space ("|3", "：5"). */
const CELL_SEPARATORS = charCodes('|｜:：');
/** What after a number makes it part of the words (dates, ordinals, percentages); sticky, tried at the number's end. */
const WORD_SUFFIX = /\s?(?:年|月|日|号|时|%|％|周年|个百分点|倍)/y;
const MONEY_UNIT = /万元|元/y;
const matchesAt = (re: RegExp, s: string, at: number) => {
  re.lastIndex = at;
  return re.exec(s);
};
/** Characters a word suffix can start with (after an optional space): most numbers fail this test, not the regex. */
const SUFFIX_START = charCodes('年月日号时%％周个倍');
const maySuffix = (s: string, at: number) => SUFFIX_START.has(codeAt(s, at)) || (spaceOrEdge(s, at) && SUFFIX_START.has(codeAt(s, at + 1)));
/** The code of the first character at or after `from` that is not white space (-1 at the end). */
function nextVisible(s: string, from: number): number {
  let i = from;
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  return codeAt(s, i);
}

const ANY_DIGIT = /[0-9０-９]/;
/** Characters where a number may start: digits, signs, 增/减 (a regex: its scan is native code). */
const NUMBER_START = /[0-9０-９\-－−+＋增减]/g;

export function lineTokens(line: string, loc: Loc, block: number, out: Token[], withEnd = true): void {
  if (!ANY_DIGIT.test(line)) {
    // most prose lines: no number, one text token
    const t = compact(line);
    if (t) out.push(newToken('text', t, loc, block));
    if (withEnd) out.push(newToken('end', '', loc, block));
    return;
  }
  if (PAGE_NUMBER.test(line)) return;
  let text = '';
  let textLoc = loc;
  const flushText = () => {
    const t = compact(text);
    if (t) out.push(newToken('text', t, textLoc, block));
    text = '';
  };
  let i = 0;
  while (i < line.length) {
    const c = line.charCodeAt(i);
    const signed = SIGNS.has(c) && isDigitCode(codeAt(line, i + 1)) && spaceOrEdge(line, i - 1);
    if (!isDigitCode(c) && !signed) {
      // copy the run up to the next digit or sign character at once
      // test, not exec: no match array; every match is one character, so it ends at lastIndex
      NUMBER_START.lastIndex = i + 1;
      const j = NUMBER_START.test(line) ? NUMBER_START.lastIndex - 1 : line.length;
      text += line.slice(i, j);
      i = j;
      continue;
    }
    const start = i;
    let j = signed ? i + 1 : i;
    while (j < line.length) {
      const d = line.charCodeAt(j);
      if (isDigitCode(d) || (THOUSANDS.has(d) && isDigitCode(codeAt(line, j + 1)) && isDigitCode(codeAt(line, j - 1)))) j++;
      else break;
    }
    if (DECIMAL_POINTS.has(codeAt(line, j)) && isDigitCode(codeAt(line, j + 1))) {
      j++;
      while (j < line.length && isDigitCode(line.charCodeAt(j))) j++;
    }
    let run = line.slice(start, j);
    const before = codeAt(line, start - 1);
    const after = codeAt(line, j);
    // "1.属于国家秘密", "2、重复申请": the last digit numbers the label that follows
    if (NUMBERING_MARKS.has(after) && isCjkOrLetter(nextVisible(line, j + 1)) && !run.includes('.')) {
      const value = run.slice(0, -1);
      if (value && /\d$/.test(value.normalize('NFKC'))) {
        flushText();
        const token = newToken('value', value, loc, block);
        token.glued = true;
        out.push(token);
      }
      text += run.slice(-1);
      i = j;
      continue;
    }
    // "(8)", "第二十条第（1）项", "2020年", "50%" are words, not cells
    const bracketed = (before === OPEN || before === FULL_OPEN) && (after === CLOSE || after === FULL_CLOSE);
    if (bracketed || before === DI || (maySuffix(line, j) && matchesAt(WORD_SUFFIX, line, j))) {
      text += run;
      i = j;
      continue;
    }
    let unitEnd = j;
    const unit = after === WAN || after === YUAN ? matchesAt(MONEY_UNIT, line, j) : null;
    if (unit) unitEnd = j + unit[0].length;
    run = line.slice(start, unitEnd);
    const glued = (start > 0 && !spaceOrEdge(line, start - 1) && !signed && !CELL_SEPARATORS.has(before)) || isCjkOrLetter(codeAt(line, unitEnd));
    flushText();
    const token = newToken('value', run, loc, block);
    token.glued = glued;
    out.push(token);
    i = unitEnd;
    textLoc = loc;
  }
  flushText();
  if (withEnd) out.push(newToken('end', '', loc, block));
}
