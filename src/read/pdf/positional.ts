/**
 * Standard tables without ruling lines (or whose rules are images): rebuilt from where their
 * labels and numbers stand. The template's labels delimit each table (表三 from 申请人情况 /
 * the 勾稽 note to 四、结转下年度继续办理; 表四 from 行政复议 over 未经复议直接起诉 to its row of
 * numbers; 表二 from 第二十条第（一）项 to its last row label), and the builders in
 * positional-matrix.ts (表三, 表四) and positional-table2.ts (表二) make the grid.
 */
import { TABLE2, TABLE3_COLUMNS, TABLE4_BLOCKS, TABLE4_COLUMNS } from '../../model/template.js';
import type { Table } from '../document.js';
import { canon, type StandardTable } from './anchors.js';
import type { TextItem } from './geometry.js';
import { groupLines, isPageNumber } from './lines.js';
import { table2Grid } from './positional-table2.js';
import { matrixGrid } from './positional-matrix.js';
import { isValueText } from './positional-values.js';

export interface PositionalTable {
  kind: StandardTable;
  page: number;
  y0: number;
  table: Table;
  /** The text items the table took (they are not paragraphs). */
  items: TextItem[];
}

export interface PageItems {
  page: number;
  width: number;
  height: number;
  items: TextItem[];
}

/** A point in the document: page, then y. */
interface Mark {
  page: number;
  y: number;
}

const before = (a: Mark, b: Mark) => beforeAt(a.page, a.y, b);
const beforeAt = (page: number, y: number, b: Mark) => page < b.page || (page === b.page && y < b.y);
const markOf = (t: TextItem): Mark => ({ page: t.page, y: t.y0 });

export function positionalTables(pages: PageItems[], kinds: StandardTable[]): PositionalTable[] {
  if (!kinds.length) return [];
  // document order; page numbers in the margins are never part of a table
  const items = pages.flatMap(withoutPageNumbers).sort((a, b) => a.page - b.page || a.y0 - b.y0 || a.x0 - b.x0);
  const texts = items.map((t) => canon(t.text));
  const out: PositionalTable[] = [];
  const t3 = table3Region(items, texts);
  const t2 = table2Region(items, texts, t3?.start ?? null);
  const t4 = table4Region(items, texts, t3?.end ?? null);
  const build = (kind: StandardTable, region: Region | null, grid: (items: TextItem[]) => Table | null) => {
    if (!region || !kinds.includes(kind)) return;
    const { start, end } = region;
    const inside = items.filter((t) => !beforeAt(t.page, t.y0, start) && beforeAt(t.page, t.y1, end));
    const table = grid(inside);
    if (table) out.push({ kind, page: region.start.page, y0: region.start.y, table, items: inside });
  };
  build('table2', t2, (inside) => table2Grid(inside));
  build('table3', t3, (inside) => matrixGrid(inside, TABLE3_COLUMNS.map((c) => [c.label, ...(c.aliases ?? [])])));
  build('table4', t4, (inside) => matrixGrid(inside, TABLE4_BLOCKS.flatMap(() => TABLE4_COLUMNS.map((c) => [c.label, ...(c.aliases ?? [])])), { firstRowOnly: true }));
  return out;
}

/** A page's items without the line in its top or bottom margin that is only a page number. */
function withoutPageNumbers(p: PageItems): TextItem[] {
  const drop = new Set<TextItem>();
  for (const line of groupLines(p.items)) if (isPageNumber(line, p.height)) line.items.forEach((t) => drop.add(t));
  return p.items.filter((t) => !t.rotated && !drop.has(t));
}

interface Region {
  start: Mark;
  end: Mark;
}

const findFrom = (texts: string[], from: number, test: (t: string) => boolean) => {
  for (let i = Math.max(0, from); i < texts.length; i++) if (test(texts[i])) return i;
  return -1;
};

/** Just below an item's line (the numbers of its row stand beside it). */
const endOf = (t: TextItem): Mark => ({ page: t.page, y: t.y1 + 0.5 * t.size });

/** 表三: from its header (申请人情况, the 勾稽 note, 自然人) to the row 四、结转下年度继续办理. */
function table3Region(items: TextItem[], texts: string[]): Region | null {
  let start = findFrom(texts, 0, (t) => t === '申请人情况' || t.startsWith('(本列数据的勾稽关系') || t === '自然人' || t === '法人或其他组织');
  if (start < 0) start = findFrom(texts, 0, (t) => t.endsWith('本年新收政府信息公开申请数量'));
  if (start < 0) return null;
  const end = findFrom(texts, start, (t) => t.includes('结转下年度继续办理'));
  if (end < 0) return null;
  return { start: markOf(items[start]), end: endOf(items[end]) };
}

/** 表四: from 行政复议 above 未经复议直接起诉 (its header) to the first row of numbers below. */
function table4Region(items: TextItem[], texts: string[], after: Mark | null): Region | null {
  const from = after ? items.findIndex((t) => !before(markOf(t), after)) : 0;
  if (from < 0) return null;
  const marker = findFrom(texts, from, (t) => t === '未经复议直接起诉' || t === '复议后起诉');
  if (marker < 0) return null;
  // the header starts with the 行政复议 cell above the marker
  let start = marker;
  for (let i = marker; i >= from; i--) {
    if (texts[i] === '行政复议' && items[marker].y0 - items[i].y0 < 120 && items[i].page === items[marker].page) {
      start = i;
      break;
    }
  }
  const values = items.map((t) => isValueText(t.text));
  // the first line below the header with several numbers
  for (let i = marker + 1; i < items.length; i++) {
    if (!values[i]) continue;
    const line = items.filter((t, k) => values[k] && t.page === items[i].page && Math.abs(t.baseline - items[i].baseline) <= 0.5 * t.size);
    if (line.length >= 3) return { start: markOf(items[start]), end: endOf(line.reduce((a, b) => (a.y1 > b.y1 ? a : b))) };
  }
  return null;
}

const T2_ROWS = new Set([...TABLE2['2021'], ...TABLE2['2019']].flatMap((r) => [r.label, ...(r.aliases ?? [])]).map(canon));
const T2_HEADERS = new Set([...TABLE2['2021'], ...TABLE2['2019']].flatMap((r) => r.columns.flatMap((c) => [c.label, ...(c.aliases ?? [])])).map(canon));

/** A sub-table heading standing on its own, not the article cited in prose (根据第二十条…). */
const T2_HEADING = /^第二十条第\([一二三四五六七八九十\d]+\)项$/;

/** 表二: from 第二十条第（一）项 (or its first column header) to its last row label before 表三. */
function table2Region(items: TextItem[], texts: string[], table3: Mark | null): Region | null {
  const start = findFrom(texts, 0, (t) => T2_HEADING.test(t) || T2_HEADERS.has(t));
  if (start < 0) return null;
  let last = -1;
  for (let i = start; i < items.length; i++) {
    if (table3 && !before(markOf(items[i]), table3)) break;
    if (T2_ROWS.has(texts[i])) last = i;
  }
  if (last < 0) return null;
  return { start: markOf(items[start]), end: endOf(items[last]) };
}
