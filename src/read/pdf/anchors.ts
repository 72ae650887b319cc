/**
 * The template's labels as anchors: which of the three standard tables a piece of a PDF table
 * (or a stretch of text) belongs to. Labels come from model/template.ts only; they are compared
 * in a canonical form (NFKC, no whitespace, one kind of quote).
 */
import {
  TABLE2,
  TABLE3_GROUP_LABELS,
  TABLE3_HEADER_LABELS,
  TABLE3_ROWS,
  TABLE4_HEADER_LABELS,
  type Table2RowDef,
} from '../../model/template.js';

export type StandardTable = 'table2' | 'table3' | 'table4';

/** Canonical form for comparing labels: NFKC, no whitespace, straight quotes. */
export function canon(s: string): string {
  return memo(canonCache, s, (x) => x.normalize('NFKC').replace(/\s+/g, '').replace(/[“”]/g, '"').replace(/[‘’]/g, "'"));
}
const canonCache = new Map<string, string>();

/**
 * A string function's results, remembered: the table builders ask again and again about the same
 * texts. The cache is emptied when it grows large (a long corpus run sees many texts).
 */
export function memo<T>(cache: Map<string, T>, s: string, f: (s: string) => T): T {
  let v = cache.get(s);
  if (v === undefined) {
    if (cache.size >= 20_000) cache.clear();
    v = f(s);
    cache.set(s, v);
  }
  return v;
}

/** A row label without its numbering ("1.", "（三）", "一、"). */
const stripNumbering = (s: string) => s.replace(/^(?:\d+[.、]|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、)/, '');

const table2Rows: Table2RowDef[] = [...TABLE2['2021'], ...TABLE2['2019']];
const unique = (xs: string[]) => [...new Set(xs.map(canon).filter((x) => x.length >= 2))];

/**
 * Labels that, found in a piece of text, say which table it belongs to. Labels shorter than four
 * characters (其他, 总计, 规章) are too common to identify anything and are left out.
 */
const ANCHORS: Record<StandardTable, string[]> = {
  table2: unique([
    ...table2Rows.map((r) => `第二十条第(${r.item})项`),
    ...table2Rows.flatMap((r) => [r.label, ...(r.aliases ?? [])]),
    ...table2Rows.flatMap((r) => r.columns.flatMap((c) => [c.label, ...(c.aliases ?? [])])),
  ]).filter((l) => l.length >= 4),
  table3: unique([
    ...TABLE3_HEADER_LABELS,
    ...TABLE3_GROUP_LABELS.map(stripNumbering),
    ...TABLE3_ROWS.flatMap((r) => [stripNumbering(canon(r.label)), ...(r.aliases ?? [])]),
  ]).filter((l) => l.length >= 4),
  table4: unique(TABLE4_HEADER_LABELS).filter((l) => l.length >= 4),
};

/** How many distinct anchors of each table the (canonical) text contains. */
export function anchorHits(text: string): Record<StandardTable, number> {
  const hits = { table2: 0, table3: 0, table4: 0 };
  for (const table of Object.keys(ANCHORS) as StandardTable[]) for (const a of ANCHORS[table]) if (text.includes(a)) hits[table]++;
  return hits;
}

/** The table the text belongs to, when its anchors say so clearly (`min` distinct hits). */
export function classify(text: string, min = 2): StandardTable | null {
  const hits = anchorHits(text);
  let best: StandardTable | null = null;
  for (const t of Object.keys(hits) as StandardTable[]) if (hits[t] >= min && (!best || hits[t] > hits[best])) best = t;
  return best;
}

const ALL_ANCHORS = new Set(Object.values(ANCHORS).flat());

/**
 * Is this piece of text (one text item) a table label standing on its own, as in a table cell?
 * Prose mentions the same words (其中结果维持72件), but not as a whole line.
 */
export function isAnchorLabel(text: string): boolean {
  const t = canon(text);
  return ALL_ANCHORS.has(t) || ALL_ANCHORS.has(stripNumbering(t));
}

const GROUPS = TABLE3_GROUP_LABELS.map(canon);

/** 表三's group labels (三、本年度办理结果, （三）不予公开 …), which PDF tables split across pages. */
export function isGroupLabel(text: string): boolean {
  return GROUPS.includes(canon(text));
}

/** Text that is a group label cut short ("（四）无" of "（四）无法提供"). */
export function isGroupLabelStart(text: string): boolean {
  const t = canon(text);
  return t.length > 0 && GROUPS.some((g) => g.startsWith(t));
}
