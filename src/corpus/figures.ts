/**
 * Figures by name: "table3.newReceived.total" ↔ the cell row (tbl, row_key, col_key) ↔ its
 * Chinese label. The keys and labels are the template's (model/template.ts).
 */
import { LEGACY_INDICATORS, TABLE2, TABLE3_COLUMNS, TABLE3_ROWS, TABLE4_BLOCKS, TABLE4_COLUMNS } from '../model/template.js';

export interface Figure {
  /** The model path: table3.newReceived.total, legacy.requests.received. */
  path: string;
  tbl: string;
  row: string;
  col: string;
  /** The figure as the form prints it: "一、本年新收政府信息公开申请数量·总计". */
  label: string;
}

const t3Label = (r: (typeof TABLE3_ROWS)[number]) => (r.group && r.group !== '三、本年度办理结果' ? `${r.group}${r.label}` : r.label).replace(/（区分处理的.*）/, '');

function build(): Figure[] {
  const out: Figure[] = [];
  const seen = new Set<string>();
  const add = (f: Figure) => {
    if (seen.has(f.path)) return;
    seen.add(f.path);
    out.push(f);
  };
  for (const gen of ['2021', '2019'] as const) {
    for (const r of TABLE2[gen]) for (const c of r.columns) add({ path: `table2.${r.key}.${c.key}`, tbl: 'table2', row: r.key, col: c.key, label: `${r.label}·${c.label}` });
  }
  for (const r of TABLE3_ROWS) for (const c of TABLE3_COLUMNS) add({ path: `table3.${r.key}.${c.key}`, tbl: 'table3', row: r.key, col: c.key, label: `${t3Label(r)}·${c.label}` });
  for (const b of TABLE4_BLOCKS) {
    for (const c of TABLE4_COLUMNS) add({ path: `table4.${b.key}.${c.key}`, tbl: 'table4', row: b.key, col: c.key, label: `${'group' in b ? `${b.group}·` : ''}${b.label}·${c.label}` });
  }
  for (const d of LEGACY_INDICATORS) add({ path: `legacy.${d.key}`, tbl: 'legacy', row: d.key, col: 'value', label: `${d.label}（${d.unit}）` });
  return out;
}

export const FIGURES: Figure[] = build();
const BY_PATH = new Map(FIGURES.map((f) => [f.path, f]));

/** The figures of one table, in the form's order (table2 of one generation when given). */
export function tableFigures(tbl: string, generation?: '2021' | '2019'): Figure[] {
  if (tbl === 'table2' && generation) {
    return TABLE2[generation].flatMap((r) => r.columns.map((c) => ({ ...BY_PATH.get(`table2.${r.key}.${c.key}`)!, label: `${r.label}·${c.label}` })));
  }
  return FIGURES.filter((f) => f.tbl === tbl);
}

export class FigureError extends Error {}

/** A figure by its model path; the message of the error lists what exists. */
export function figure(path: string): Figure {
  const p = path.trim().replace(/^legacy\.indicators\./, 'legacy.');
  const f = BY_PATH.get(p);
  if (f) return f;
  const near = FIGURES.filter((x) => x.path.toLowerCase().includes(p.split('.').pop()!.toLowerCase())).slice(0, 5).map((x) => x.path);
  throw new FigureError(
    `unknown figure "${path}" — a figure is table.row.column as in the report JSON, e.g. table3.newReceived.total, table2.normativeDocuments.inForce, table4.reconsideration.total, legacy.requests.received${near.length ? `; did you mean ${near.join(', ')}?` : ''}`,
  );
}

/** The label of any stored cell row (legacy.extra items are labelled by themselves). */
export function cellLabel(tbl: string, row: string, col: string): string {
  if (tbl === 'legacy.extra') return row;
  return BY_PATH.get(tbl === 'legacy' ? `legacy.${row}` : `${tbl}.${row}.${col}`)?.label ?? `${tbl}.${row}.${col}`;
}

export const TABLE_NAMES: Record<string, string> = {
  table2: '表二 主动公开政府信息情况',
  table3: '表三 收到和处理政府信息公开申请情况',
  table4: '表四 政府信息公开行政复议、行政诉讼情况',
  legacy: '统计表（2019年以前格式）',
  'legacy.extra': '统计表其他项目',
};
