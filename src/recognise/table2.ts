/**
 * 表二 — 主动公开政府信息情况. Its column headers decide the report's template generation
 * (MODEL.md §1: meta.template is decided by 表二): 本年制发件数 → 2021, 本年新制作数量 /
 * 上一年项目数量 → 2019 trial format.
 */
import { TABLE2, TABLE2_2019_MARKERS, TABLE2_2021_MARKERS, type TableGeneration } from '../model/template.js';
import type { Recognition } from './context.js';
import { align, simMatrix, target, type LabelTarget } from './match.js';
import { normLabel } from './normalise.js';
import { commitPlan, newPlan, planRow, tableLayout, type PlannedCell, type TableLayout, type TablePlan } from './plan.js';
import { buildSegments, reclaimTextCells, regionMode, trimBlanks, type Region, type Segment } from './segments.js';
import { splitGroups } from './split.js';
import { withRaw, type Token } from './tokens.js';

export interface Table2Result {
  table: Record<string, Record<string, number | null>>;
  generation: TableGeneration;
}

function regionText(tokens: Token[], region: Region): string {
  let s = '';
  for (let i = region.start; i < region.end; i++) if (tokens[i].t === 'text') s += normLabel(tokens[i].raw);
  return s;
}

export function detectTable2Generation(text: string): TableGeneration | null {
  const has = (markers: string[]) => markers.some((m) => text.includes(normLabel(m)));
  if (has(TABLE2_2021_MARKERS)) return '2021';
  if (has(TABLE2_2019_MARKERS)) return '2019';
  return null;
}

export function recogniseTable2(tokens: Token[], region: Region, rec: Recognition): Table2Result | null {
  const mode = regionMode(tokens, region);
  const segments = buildSegments(tokens, region, mode === 'stream' ? 'stream' : mode);
  if (!segments.length) return null;
  const text = regionText(tokens, region);
  const detected = detectTable2Generation(text);
  const amountInYuan = /金额[^万]{0,6}\(?单位:元/.test(text);
  let best: { generation: TableGeneration; plan: TablePlan; score: number } | null = null;
  for (const generation of detected ? [detected] : (['2021', '2019'] as TableGeneration[])) {
    const attempt = mode === 'glued' ? readGlued(segments, generation) : readRows(segments, generation);
    if (attempt && (!best || attempt.score > best.score)) best = { generation, ...attempt };
  }
  if (!best) return null;
  if (amountInYuan) {
    for (const row of best.plan.rows.values()) {
      for (const [col, cell] of row) if (col === 'amount' && cell.token && !/元/.test(cell.token.raw)) cell.token = withRaw(cell.token, `${cell.token.raw.trim()}元`);
    }
  }
  return { table: commitPlan(best.plan, rec, LAYOUT[best.generation]), generation: best.generation };
}

const layoutOf = (generation: TableGeneration) =>
  tableLayout(
    'table2',
    TABLE2[generation].map((r) => ({ key: r.key, columns: r.columns.map((c) => ({ key: c.key, money: c.kind === 'money' })) })),
  );
const LAYOUT: Record<TableGeneration, TableLayout> = { '2021': layoutOf('2021'), '2019': layoutOf('2019') };

const TARGETS: Record<TableGeneration, LabelTarget[]> = {
  '2021': TABLE2['2021'].map((r) => target(r.key, r.label, r.aliases)),
  '2019': TABLE2['2019'].map((r) => target(r.key, r.label, r.aliases)),
};

function alignRows(segments: Segment[], generation: TableGeneration, counts: (seg: number, width: number) => boolean) {
  const rows = TABLE2[generation];
  const sim = simMatrix(
    segments.map((s) => s.label),
    TARGETS[generation],
  );
  const fits = segments.map((_, i) => rows.map((r) => counts(i, r.columns.length)));
  const { rowOf, score } = align(sim, fits, rows.length);
  return { rows, sim, rowOf, score };
}

/** Words of 表二's labels and headers: a cell with them is not a value gone wrong. */
const TABLE2_WORDS = /规章|规范性文件|许可|处罚|强制|收费|采购|服务|信息内容|本年|数量|件数|金额|第二十条|项目/;

function readRows(original: Segment[], generation: TableGeneration): { plan: TablePlan; score: number } | null {
  const segments = original.map((s) => reclaimTextCells(s, Math.max(...TABLE2[generation].map((r) => r.columns.length)), (t) => TABLE2_WORDS.test(t)));
  const { rows, sim, rowOf, score } = alignRows(segments, generation, (i, width) => trimBlanks(segments[i].values, width).length === width);
  const plan = newPlan();
  let matched = 0;
  rowOf.forEach((j, i) => {
    if (j < 0) return;
    const row = rows[j];
    const cols = row.columns.map((c) => c.key);
    const values = trimBlanks(segments[i].values, cols.length);
    let inferred: string | undefined;
    if (sim[i][j] < 0.75) {
      inferred = 'label missing; row placed by position';
      plan.notes.push({
        code: 'ROW_LABEL_MISSING',
        message: `表二: a row without a recognisable label was placed in ${row.label} by position`,
        paths: cols.map((c) => `table2.${row.key}.${c}`),
        loc: values[0]?.loc,
      });
    } else matched++;
    planRow(plan, row.key, cols, values.map((token) => ({ token, inferred })));
  });
  return matched >= 2 ? { plan, score } : null;
}

const digitsOf = (t: Token) => t.raw.normalize('NFKC').replace(/[^\d.]/g, '');

function readGlued(segments: Segment[], generation: TableGeneration): { plan: TablePlan; score: number } | null {
  const groups = segments.map((s) => s.values.filter((v) => v.t === 'value'));
  const { rows, sim, rowOf, score } = alignRows(segments, generation, (i, width) => {
    const digits = groups[i].map(digitsOf).join('').replace('.', '').length;
    return digits >= width && groups[i].length <= width;
  });
  const plan = newPlan();
  let matched = 0;
  rowOf.forEach((j, i) => {
    if (j < 0 || sim[i][j] < 0.75) return;
    matched++;
    const row = rows[j];
    const cols = row.columns.map((c) => c.key);
    const money = row.columns[row.columns.length - 1].kind === 'money';
    const tokens = groups[i];
    const splits = splitGroups(tokens.map(digitsOf), cols.length, { decimals: money, limit: 50 });
    const raw = tokens.map((t) => t.raw).join(' ');
    const yuan = /元/.test(raw) && !/万元/.test(raw);
    let cells: PlannedCell[];
    if (splits.length === 1 && cols.length === 1) cells = [{ token: tokens[0] }];
    else if (splits.length === 1) {
      cells = splits[0].map((d, c) => ({
        token: withRaw(tokens[0], c === cols.length - 1 && yuan ? `${d}元` : d),
        inferred: `split from the glued digits "${raw}"`,
      }));
      plan.notes.push({
        code: 'CELL_INFERRED',
        severity: 'info',
        message: `表二 ${row.label}: the digits "${raw}" run together; the only way to cut them into ${cols.length} numbers is ${splits[0].join(' | ')}`,
        paths: cols.map((c) => `table2.${row.key}.${c}`),
        loc: tokens[0]?.loc,
      });
    } else {
      cells = cols.map(() => ({ token: null, inferred: 'glued digits could not be split unambiguously' }));
      plan.notes.push({
        code: 'CELL_AMBIGUOUS',
        severity: 'warning',
        message: `表二 ${row.label}: the digits "${raw}" run together and ${splits.length >= 50 ? 'many' : splits.length} ways of cutting them into ${cols.length} numbers are possible; 表二 has no totals to decide, so the cells are left blank`,
        paths: cols.map((c) => `table2.${row.key}.${c}`),
        loc: tokens[0]?.loc,
      });
    }
    planRow(plan, row.key, cols, cells);
  });
  return matched >= 2 ? { plan, score } : null;
}
