/**
 * Where each statistical table lies in the token stream. Landmarks are words only the tables
 * print (第二十条第（一）项, 申请人情况, 未经复议直接起诉 …), never the section headings, which
 * also occur in the introduction ("本报告包括总体情况、主动公开政府信息情况…").
 */
import { normLabel } from './normalise.js';
import type { Region } from './segments.js';
import type { Token } from './tokens.js';

export interface Regions {
  table2?: Region;
  table3?: Region;
  table4?: Region;
  legacy?: Region;
}

const T2 = ['第二十条第(一)项', '第二十条第(五)项', '本年制发件数', '本年新制作数量'];
const T3 = ['申请人情况', '本列数据的勾稽关系', '本年新收政府信息公开申请数量', '本年新收政府信息公开申请'];
const T3_END = ['结转下年度继续办理'];
const T4 = ['未经复议直接起诉', '复议后起诉', '结果维持'];
const T4_END = /(?:^|[。；;]|\d)(?:[五六七八九]、|[5-9][、.])|存在的主要问题|主要问题及改进|其他需要报告/;
const LEGACY_TITLE = ['政府信息公开情况统计表', '统计指标', '指标名称'];
const LEGACY_END = /单位负责人|填报人|填表人|审核人|联系电话|附件下载|扫一扫|网站标识码|版权所有|主办单位/;
const LEGACY_FIRST_ROW = ['主动公开政府信息数(不同渠道', '主动公开信息数', '主动公开政府信息数'];

/** The normalised text of the tokens that may be landmarks ('' for the others), and their indices. */
interface Landmarks {
  texts: string[];
  candidates: number[];
}

function find(marks: Landmarks, from: number, words: readonly string[], accept?: (i: number) => boolean): number {
  for (const i of marks.candidates) {
    if (i >= from && includesAny(marks.texts[i], words) && (!accept || accept(i))) return i;
  }
  return -1;
}

/** A loop, not words.some(w => text.includes(w)): that made a closure for every candidate. */
function includesAny(text: string, words: readonly string[]): boolean {
  for (const w of words) if (text.includes(w)) return true;
  return false;
}

/** Words any landmark contains; only tokens with one of them are normalised (documents are mostly prose). */
const CANDIDATE = /第二十条|本年制发|本年新制作|申请人|勾稽|本年新收|结转下年度|复议|诉讼|结果维持|统计表|统计指标|指标名称|主动公开|存在|问题|其他需要|[五六七八九5-9][、.．]/;

export function findRegions(tokens: Token[]): Regions {
  const texts = new Array<string>(tokens.length).fill('');
  const candidates: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.t === 'text' && CANDIDATE.test(t.raw)) {
      texts[i] = normLabel(t.raw);
      if (texts[i]) candidates.push(i);
    }
  }
  const marks: Landmarks = { texts, candidates };
  const out: Regions = {};
  const t2 = find(marks, 0, T2);
  const t3 = find(marks, Math.max(0, t2), T3);
  const t3end = t3 >= 0 ? find(marks, t3, T3_END) : -1;
  // 表四's header starts with 行政复议: back up from the first unmistakable header word to it
  let t4 = find(marks, Math.max(0, t3end, t3), T4);
  if (t4 >= 0) {
    for (let k = t4; k >= Math.max(0, t3end, t3); k--) {
      if (texts[k].includes('行政复议') && k !== t3end) {
        t4 = k;
        break;
      }
      if (tokens[k].t === 'value' && k < t4) break;
    }
  }
  if (t2 >= 0) out.table2 = { start: t2, end: t3 >= 0 ? t3 : t4 >= 0 ? t4 : tokens.length };
  if (t3 >= 0) {
    // the region ends after 四、结转下年度继续办理's values
    let end = t4 >= 0 ? t4 : tokens.length;
    if (t3end >= 0 && t4 < 0) end = afterValues(tokens, t3end);
    out.table3 = { start: t3, end };
  }
  if (t4 >= 0) out.table4 = { start: t4, end: endOfTable4(tokens, texts, t4) };
  // the statistics table's own title or header — not the introduction that mentions it
  const starts = [
    find(marks, 0, LEGACY_TITLE, (i) => Boolean(tokens[i].grid) || texts[i].length <= 60),
    find(marks, 0, LEGACY_FIRST_ROW, (i) => Boolean(tokens[i].grid)),
  ].filter((i) => i >= 0);
  const lg = starts.length ? Math.min(...starts) : -1;
  if (lg >= 0 && (t3 < 0 || lg > (out.table4?.end ?? t3))) out.legacy = { start: lg, end: endOfLegacy(tokens, texts, lg) };
  return out;
}

/**
 * A statistics table in a grid ends with the grid (what follows is the signature, contacts, a
 * site footer); in text it ends at the signature fields or the page furniture after it.
 */
function endOfLegacy(tokens: Token[], texts: string[], start: number): number {
  let g = start;
  while (g < tokens.length && g < start + 40 && !tokens[g].grid) g++;
  if (g < tokens.length && tokens[g].grid) {
    while (g < tokens.length && (tokens[g].grid || tokens[g].t === 'end')) g++;
    return g;
  }
  for (let i = start + 1; i < tokens.length; i++) if (tokens[i].t === 'text' && LEGACY_END.test(tokens[i].raw)) return i;
  return tokens.length;
}

function afterValues(tokens: Token[], from: number): number {
  let i = from + 1;
  while (i < tokens.length && tokens[i].t !== 'text') i++;
  return i;
}

function endOfTable4(tokens: Token[], texts: string[], start: number): number {
  let values = 0;
  for (let i = start + 1; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.t === 'value') values++;
    if (t.t === 'text' && T4_END.test(texts[i])) return i;
    // a grid ends with its block; text after 15 values and a new block is prose
    if (values >= 15 && t.t === 'text' && t.block !== tokens[i - 1].block && !t.grid) return i;
  }
  return tokens.length;
}
