/**
 * 表三 — 收到和处理政府信息公开申请情况: 25 rows (2021) or 23 rows (2019) of 7 values.
 *
 * Three readings, tried in this order:
 * 1. rows: every printed row is a label and 7 values; labels are aligned with the template in
 *    order, so a row with a missing or garbled label is placed by position (and flagged);
 * 2. stream: the values are in the source but not beside their labels (pdftotext -raw); they
 *    are read in template order, row by row or in the column-wise blocks some PDF producers
 *    write, and only a reading that the table's own totals confirm is accepted;
 * 3. glued: the digits of a row are run together; every way of cutting them is tried and the
 *    row and column totals pick the one meant — an undecidable cell stays null.
 */
import { TABLE3_COLUMN_KEYS, TABLE3_ROWS, table3Rows, type TableGeneration } from '../model/template.js';
import type { Recognition, Note } from './context.js';
import { align, similarity, simMatrix, target, type SimRow } from './match.js';
import { normLabel } from './normalise.js';
import { commitPlan, newPlan, planRow, tableLayout, type PlannedCell, type TableLayout, type TablePlan } from './plan.js';
import { buildSegments, reclaimTextCells, regionMode, trimBlanks, type Region, type Segment } from './segments.js';
import { splitGroups } from './split.js';
import { tokenValue, type Token } from './tokens.js';

const W = 7;
const COLS = TABLE3_COLUMN_KEYS;
const GENERATIONS: TableGeneration[] = ['2021', '2019'];

export interface Table3Result {
  table: Record<string, Record<string, number | null>>;
  generation: TableGeneration;
}

export function recogniseTable3(tokens: Token[], region: Region, rec: Recognition): Table3Result | null {
  const mode = regionMode(tokens, region);
  const segments = buildSegments(tokens, region, mode);
  if (!segments.length) return null;
  let reading: Reading | null = null;
  if (mode === 'glued') reading = readGlued(segments);
  else {
    if (mode === 'rows') reading = readRows(segments);
    if (!reading) reading = readStream(segments);
    if (!reading && mode === 'rows') reading = readRows(segments, true);
  }
  if (!reading) return null;
  const table = commitPlan(reading.plan, rec, LAYOUT[reading.generation]);
  for (const row of table3Rows(reading.generation)) {
    if (!reading.plan.rows.has(row.key)) {
      rec.note({ code: 'ROW_MISSING', message: `表三 does not print the row ${row.group ? `${row.group} ` : ''}${row.label}`, paths: [`table3.${row.key}`] });
    }
  }
  return { table, generation: reading.generation };
}

interface Reading {
  generation: TableGeneration;
  plan: TablePlan;
}

const layoutOf = (generation: TableGeneration) =>
  tableLayout(
    'table3',
    table3Rows(generation).map((r) => ({ key: r.key, columns: COLS.map((key) => ({ key })) })),
  );
const LAYOUT: Record<TableGeneration, TableLayout> = { '2021': layoutOf('2021'), '2019': layoutOf('2019') };

const ALL_TARGETS = TABLE3_ROWS.map((r) => target(r.key, r.label, r.aliases));

/** Whether a cell's text is (part of) a 表三 label or header rather than a value gone wrong. */
function isTable3Label(text: string): boolean {
  const t = normLabel(text);
  return /^[(（]?[一二三四五六七八九十\d]/.test(t) || /申请|公开|处理|总计|合计|其他|机构|企业|组织|自然人/.test(t) || ALL_TARGETS.some((x) => similarity(t, x) >= 0.5);
}

/** Label similarity against every row of both generations, computed once. */
function allRowsSimilarity(segments: Segment[]): readonly SimRow[] {
  return simMatrix(
    segments.map((s) => s.label),
    ALL_TARGETS,
  );
}

/** Each generation's rows as indexes into TABLE3_ROWS (the columns of the full similarity matrix). */
const ROW_INDEX: Record<TableGeneration, Int32Array> = {
  '2021': Int32Array.from(table3Rows('2021'), (r) => TABLE3_ROWS.indexOf(r)),
  '2019': Int32Array.from(table3Rows('2019'), (r) => TABLE3_ROWS.indexOf(r)),
};
/** Per similarity row (shared between reports, see simMatrix), its columns for each generation. */
const generationRows = new WeakMap<SimRow, Partial<Record<TableGeneration, SimRow>>>();

/**
 * The columns of the full similarity matrix for one generation's rows, made once per similarity
 * row: the rows are shared between reports, and read, never written.
 */
function simFor(all: readonly SimRow[], generation: TableGeneration): SimRow[] {
  const idx = ROW_INDEX[generation];
  return all.map((row) => {
    let byGeneration = generationRows.get(row);
    if (!byGeneration) generationRows.set(row, (byGeneration = {}));
    let out = byGeneration[generation];
    if (!out) {
      out = new Float64Array(idx.length);
      for (let j = 0; j < idx.length; j++) out[j] = row[idx[j]];
      byGeneration[generation] = out;
    }
    return out;
  });
}

/** A printed row's 7 values: layout padding dropped, a 法人或其他组织 subtotal column removed. */
function rowValues(values: Token[], notes: Note[]): Token[] | null {
  let v = trimBlanks(values, W);
  if (v.length === W + 1) {
    const n = v.map((t) => (t.t === 'value' ? tokenValue(t).value : null));
    const orgs = n.slice(2, 7);
    if (n[1] !== null && orgs.every((x) => x !== null) && n[1] === orgs.reduce((a, b) => a! + b!, 0)) {
      notes.push({
        code: 'CELL_INFERRED',
        severity: 'info',
        message: '表三 row prints 8 values; the 2nd equals the sum of the five 法人或其他组织 columns and was read as their subtotal, which the template does not have',
        paths: [],
        loc: v[1].loc,
      });
      v = [v[0], ...v.slice(2)];
    }
  }
  return v.length === W ? v : null;
}

function readRows(original: Segment[], lenient = false): Reading | null {
  const notes: Note[] = [];
  const segments = original.map((s) => reclaimTextCells(s, W, isTable3Label));
  const prepared = segments.map((s) => rowValues(s.values, notes));
  const fitting = prepared.filter((p) => p).length;
  if (!lenient && fitting < segments.length * 0.8) return null;
  if (!fitting) return null;
  let best: { generation: TableGeneration; rowOf: number[]; sim: SimRow[]; score: number } | null = null;
  const simAll = allRowsSimilarity(segments);
  for (const generation of GENERATIONS) {
    const rows = table3Rows(generation);
    const sim = simFor(simAll, generation);
    const fits = prepared.map((p) => rows.map(() => p !== null));
    const { rowOf, score } = align(sim, fits, rows.length);
    if (!best || score > best.score) best = { generation, rowOf, sim, score };
  }
  if (!best) return null;
  const rows = table3Rows(best.generation);
  const matchedByLabel = best.rowOf.filter((j, i) => j >= 0 && best!.sim[i][j] >= 0.75).length;
  if (matchedByLabel < Math.min(3, rows.length)) return null;
  const plan = newPlan();
  plan.notes.push(...notes);
  best.rowOf.forEach((j, i) => {
    const tokens = prepared[i];
    if (j < 0 || !tokens) return;
    const row = rows[j];
    const s = best!.sim[i][j];
    let inferred: string | undefined;
    if (s < 0.75) {
      const printed = segments[i].labelTokens.map((t) => t.raw).join('').trim();
      inferred = printed && s >= 0.3 ? `label "${printed}" garbled; row placed by position` : 'label missing; row placed by position';
      plan.notes.push({
        code: 'ROW_LABEL_MISSING',
        message: `表三: ${printed && s >= 0.3 ? `the label "${printed}" is garbled` : 'a row has no label'}; its values were placed in ${row.group ? `${row.group} ` : ''}${row.label} by position`,
        paths: COLS.map((c) => `table3.${row.key}.${c}`),
        loc: segments[i].labelTokens.at(-1)?.loc ?? tokens[0].loc,
      });
    }
    planRow(plan, row.key, COLS, tokens.map((token) => ({ token, inferred })));
  });
  return { generation: best.generation, plan };
}

// ---------------------------------------------------------------------------------------------
// stream reading (values in source order, labels elsewhere)
// ---------------------------------------------------------------------------------------------

type Matrix = (number | null)[][];

const rowOk = (r: (number | null)[]) => r.some((v) => v === null) || r[6] === r.slice(0, 6).reduce((a, b) => a! + b!, 0);

/** Where the rows the totals involve are in one generation's table (violations runs for every candidate reading). */
interface TotalRows {
  total: number;
  outcomes: number[];
  newReceived: number;
  carriedOver: number;
  carriedForward: number;
}
function totalRowsOf(generation: TableGeneration): TotalRows {
  const rows = table3Rows(generation);
  const idx = (key: string) => rows.findIndex((r) => r.key === key);
  return {
    total: idx('resultsTotal'),
    outcomes: rows.map((r, i) => (r.outcome ? i : -1)).filter((i) => i >= 0),
    newReceived: idx('newReceived'),
    carriedOver: idx('carriedOver'),
    carriedForward: idx('carriedForward'),
  };
}
const TOTAL_ROWS: Record<TableGeneration, TotalRows> = { '2021': totalRowsOf('2021'), '2019': totalRowsOf('2019') };

/** Violations of T3-ROW, T3-SUM and T3-BAL in a candidate matrix (nulls are not violations). */
function violations(m: Matrix, generation: TableGeneration): number {
  let bad = m.filter((r) => !rowOk(r)).length;
  const { total, outcomes, newReceived, carriedOver, carriedForward } = TOTAL_ROWS[generation];
  for (let c = 0; c < W; c++) {
    let sum = 0;
    let blank = false;
    for (const i of outcomes) {
      const v = m[i][c];
      if (v === null) blank = true;
      else sum += v;
    }
    if (m[total][c] !== null && !blank && sum !== m[total][c]) bad++;
    const [nr, co, tt, cf] = [m[newReceived][c], m[carriedOver][c], m[total][c], m[carriedForward][c]];
    if (nr !== null && co !== null && tt !== null && cf !== null && nr + co !== tt + cf) bad++;
  }
  return bad;
}

/** A reading of a value stream: for every template row, the stream index of each column. */
interface StreamReading {
  index: number[][];
  blocks: number;
  /** The numbers the reading gives, as text: two readings with the same key are the same table. */
  key: string;
}

/**
 * Every reading of a value stream as consecutive blocks of rows, each block written column by
 * column (a block of one row is ordinary row order), that keeps every row's total consistent.
 * Readings that give the same numbers are kept once.
 */
function blockReadings(vals: (number | null)[], rowCount: number, limit = 64): StreamReading[] {
  const memo = new Map<number, StreamReading[]>();
  const from = (r: number): StreamReading[] => {
    if (r === rowCount) return [{ index: [], blocks: 0, key: '' }];
    const cached = memo.get(r);
    if (cached) return cached;
    const out: StreamReading[] = [];
    const seen = new Set<string>();
    for (let k = 1; r + k <= rowCount && out.length < limit; k++) {
      if (!blockRowsOk(vals, r, k)) continue;
      const block = Array.from({ length: k }, (_, i) => Array.from({ length: W }, (_, c) => r * W + c * k + i));
      const numbers = block.map((row) => row.map((p) => vals[p]));
      const blockKey = numbers.map((row) => row.join(',')).join(';');
      for (const rest of from(r + k)) {
        // the rest's key was built once, when the rest was read; only the block's is new here
        const key = `${blockKey};${rest.key}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ index: [...block, ...rest.index], blocks: rest.blocks + 1, key });
        if (out.length >= limit) break;
      }
    }
    memo.set(r, out);
    return out;
  };
  return from(0);
}

/**
 * rowOk for every row of a block of k rows starting at row r and written column by column,
 * read straight from the stream: this runs for every (r, k), so it allocates nothing.
 */
function blockRowsOk(vals: (number | null)[], r: number, k: number): boolean {
  for (let i = 0; i < k; i++) {
    let sum = 0;
    let blank = false;
    for (let c = 0; c < W - 1 && !blank; c++) {
      const v = vals[r * W + c * k + i];
      if (v === null) blank = true;
      else sum += v;
    }
    const total = vals[r * W + (W - 1) * k + i];
    if (!blank && total !== null && total !== sum) return false;
  }
  return true;
}

function readStream(segments: Segment[]): Reading | null {
  const tokens = segments.flatMap((s) => s.values.filter((v) => v.t === 'value'));
  for (const generation of GENERATIONS) {
    const rows = table3Rows(generation);
    if (tokens.length !== rows.length * W) continue;
    const vals = tokens.map((t) => tokenValue(t).value);
    const matrixOf = (r: StreamReading) => r.index.map((row) => row.map((p) => vals[p]));
    const plain: StreamReading = { index: rows.map((_, r) => COLS.map((_, c) => r * W + c)), blocks: rows.length, key: '' };
    const candidates =
      violations(matrixOf(plain), generation) === 0
        ? [plain]
        : blockReadings(vals, rows.length)
            .filter((c) => violations(matrixOf(c), generation) === 0)
            .sort((a, b) => a.blocks - b.blocks);
    // plain row order when it fits; otherwise the reading with the fewest blocks
    const best = candidates.find((c) => c.blocks === rows.length) ?? candidates[0];
    if (!best) continue;
    const rowMajor = best.blocks === rows.length;
    const plan = newPlan();
    const why = rowMajor
      ? 'read in template order from a stream of values whose labels are not beside them'
      : 'reordered: the source writes these rows column by column';
    rows.forEach((row, r) => planRow(plan, row.key, COLS, COLS.map((_, c) => ({ token: tokens[best.index[r][c]], inferred: why }))));
    const others = candidates.length - 1;
    plan.notes.push({
      code: 'TABLE_RECONSTRUCTED',
      severity: others ? 'warning' : 'info',
      message: `表三: the ${tokens.length} values are not printed beside their row labels; they were ${rowMajor ? 'read in the order of the template' : 'read as blocks of rows written column by column'}${others ? `, and ${others} other reading(s) fit the totals as well` : ', which the table’s row and column totals confirm'}`,
      paths: ['table3'],
      loc: tokens[0]?.loc,
    });
    return { generation, plan };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// glued reading (crawler text: a row's digits run together)
// ---------------------------------------------------------------------------------------------

const digitsOf = (t: Token) => t.raw.normalize('NFKC').replace(/[^\d.]/g, '');

function readGlued(segments: Segment[]): Reading | null {
  let best: { generation: TableGeneration; rowOf: number[]; sim: SimRow[]; score: number } | null = null;
  const groups = segments.map((s) => s.values.filter((v) => v.t === 'value').map(digitsOf).filter(Boolean));
  const simAll = allRowsSimilarity(segments);
  for (const generation of GENERATIONS) {
    const rows = table3Rows(generation);
    const sim = simFor(simAll, generation);
    const fits = groups.map((g) => {
      const digits = g.join('').length;
      return rows.map(() => digits >= W && g.length <= W);
    });
    const { rowOf, score } = align(sim, fits, rows.length);
    if (!best || score > best.score) best = { generation, rowOf, sim, score };
  }
  if (!best) return null;
  const generation = best.generation;
  const rows = table3Rows(generation);
  // candidate splits of each aligned row, kept only when the row's own total agrees
  const options: Map<number, { seg: number; splits: number[][] }> = new Map();
  best.rowOf.forEach((j, i) => {
    if (j < 0) return;
    const splits = splitGroups(groups[i], W, { limit: 2000 })
      .map((parts) => parts.map(Number))
      .filter((r) => rowOk(r));
    options.set(j, { seg: i, splits });
  });
  if (options.size < 3) return null;
  // combine rows, keeping the combinations that also satisfy the column totals
  const keys = [...options.keys()].sort((a, b) => a - b);
  const solutions: Matrix[] = [];
  const current: Matrix = rows.map(() => new Array<number | null>(W).fill(null));
  const search = (k: number) => {
    if (solutions.length >= 50) return;
    if (k === keys.length) {
      if (violations(current, generation) === 0) solutions.push(current.map((r) => [...r]));
      return;
    }
    const splits = options.get(keys[k])!.splits;
    if (!splits.length) return search(k + 1);
    for (const s of splits) {
      current[keys[k]] = s;
      search(k + 1);
    }
    current[keys[k]] = new Array<number | null>(W).fill(null);
  };
  search(0);
  const plan = newPlan();
  for (const j of keys) {
    const { seg, splits } = options.get(j)!;
    const row = rows[j];
    const segTokens = segments[seg].values.filter((v) => v.t === 'value');
    const anchor = segTokens[0] ?? null;
    const agreed: PlannedCell[] = COLS.map((_, c) => {
      const vals = new Set(solutions.map((m) => m[j][c]));
      const only = solutions.length ? [...vals] : [];
      if (only.length === 1 && only[0] !== null) return { token: anchor, value: only[0], inferred: 'split from glued digits; confirmed by the table totals' };
      return { token: null, inferred: 'glued digits could not be split unambiguously' };
    });
    const raw = segTokens.map((t) => t.raw).join(' ');
    if (agreed.some((c) => c.value === undefined)) {
      plan.notes.push({
        code: 'CELL_AMBIGUOUS',
        severity: 'warning',
        message: `表三 ${row.label}: the digits "${raw}" run together and ${splits.length ? `${splits.length} ways of splitting them fit the totals` : 'no way of splitting them fits the totals'}; the undecided cells are left blank`,
        paths: COLS.map((c) => `table3.${row.key}.${c}`),
        loc: anchor?.loc,
      });
    } else {
      plan.notes.push({
        code: 'CELL_INFERRED',
        severity: 'info',
        message: `表三 ${row.label}: the digits "${raw}" run together; split as ${agreed.map((c) => c.value).join(' | ')}, the only split the row and column totals allow`,
        paths: COLS.map((c) => `table3.${row.key}.${c}`),
        loc: anchor?.loc,
      });
    }
    planRow(plan, row.key, COLS, agreed);
  }
  return { generation: best.generation, plan };
}
