/**
 * A report written out in the national format as plain text: title, the six parts with their
 * prose, and the three tables as tab-separated rows (one table row per line, merged cells
 * repeated as empty cells) — the shape a Word table takes when it is copied as text, which
 * `gongkai parse` reads back. Used to write reports and to generate test and benchmark corpora.
 *
 * Labels come from model/template.ts; a blank (null) cell is written as an empty cell, never 0.
 */
import type { Meta, NumericRow, Section } from '../model/report.js';
import { SECTIONS, TABLE2, TABLE3_COLUMNS, TABLE3_HEADER_LABELS, TABLE3_ROWS, TABLE4_BLOCKS, TABLE4_COLUMNS, type TableGeneration } from '../model/template.js';

/** What the renderer needs of a report: the parsed model minus provenance and findings. */
export interface RenderableReport {
  meta: Pick<Meta, 'title' | 'agency' | 'year' | 'template' | 'date'>;
  /** Prose parts in order; the standard parts 二、三、四 are written with their tables. */
  sections: Pick<Section, 'key' | 'heading' | 'text'>[];
  table2: Record<string, NumericRow> | null;
  table3: Record<string, NumericRow> | null;
  table4: Record<string, NumericRow> | null;
}

const TABLE_SECTIONS = ['proactive', 'requests', 'reviewLitigation'] as const;
const NUMERALS = ['一', '二', '三', '四', '五', '六'];

const cell = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));
const row = (cells: string[]) => cells.join('\t');

/** The generation of a 表二 by its columns (2021 has 现行有效件数, the 2019 trial format 对外公开总数量). */
function table2Generation(t2: Record<string, NumericRow>, template: Meta['template']): TableGeneration {
  if (template === '2021' || template === '2019') return template;
  return t2.regulations && 'inForce' in t2.regulations ? '2021' : '2019';
}

/*
 * Label cells are written without leading empty cells (an empty cell before a label would read
 * as a value of the row above) and header rows without padding; the row's label cells are then
 * padded to the table's label width so the figures stay in their columns.
 */

export function renderTable2(t2: Record<string, NumericRow>, generation: TableGeneration): string[] {
  const lines: string[] = [];
  let item = '';
  for (const def of TABLE2[generation]) {
    if (def.item !== item) {
      item = def.item;
      lines.push(row([`第二十条第（${item}）项`, '信息内容', ...def.columns.map((c) => c.label)]));
    }
    const values = t2[def.key] ?? {};
    lines.push(row([def.label, ...def.columns.map((c) => cell(values[c.key]))]));
  }
  return lines;
}

export function renderTable3(t3: Record<string, NumericRow>, generation: TableGeneration): string[] {
  const lines = [
    row([TABLE3_HEADER_LABELS[0], TABLE3_HEADER_LABELS[1]]),
    row([TABLE3_COLUMNS[0].label, TABLE3_HEADER_LABELS[2], TABLE3_COLUMNS[6].label]),
    row(TABLE3_COLUMNS.slice(1, 6).map((c) => c.label)),
  ];
  // 2021 prints （六）其他处理 as a group of three rows; the 2019 trial format as one leaf row.
  // A merged label cell is printed on its first row only, as a Word table copied as text does.
  const RESULTS = '三、本年度办理结果';
  let inResults = false;
  let group = '';
  for (const def of TABLE3_ROWS.filter((r) => r.generations.includes(generation))) {
    const values = t3[def.key] ?? {};
    const figures = TABLE3_COLUMNS.map((c) => cell(values[c.key]));
    const results = def.group && !inResults ? RESULTS : '';
    const labels = !def.group ? [def.label] : def.group === RESULTS ? [results, def.label] : [results, def.group === group ? '' : def.group, def.label];
    const printed = labels.filter(Boolean);
    lines.push(row([...printed, ...Array(3 - printed.length).fill(''), ...figures]));
    if (def.group) inResults = true;
    group = def.group ?? '';
  }
  return lines;
}

export function renderTable4(t4: Record<string, NumericRow>): string[] {
  const five = TABLE4_COLUMNS.map((c) => c.label);
  return [
    row([TABLE4_BLOCKS[0].label, '行政诉讼']),
    row([...five, TABLE4_BLOCKS[1].label, TABLE4_BLOCKS[2].label]),
    row([...five, ...five]),
    row(TABLE4_BLOCKS.flatMap((b) => TABLE4_COLUMNS.map((c) => cell(t4[b.key]?.[c.key])))),
  ];
}

function standardHeading(key: string, index: number): string {
  const def = SECTIONS.find((s) => s.key === key);
  if (def?.required) return def.label;
  return `${NUMERALS[index] ?? index + 1}、${def?.label ?? key}`;
}

/** The whole report as text; every line of a table holds at least one tab. */
export function renderReportText(report: RenderableReport): string {
  const { meta } = report;
  const out: string[] = [];
  out.push(meta.title ?? `${meta.agency ?? ''}${meta.year ?? ''}年政府信息公开工作年度报告`, '');
  const generation = report.table2 ? table2Generation(report.table2, meta.template) : meta.template === '2019' ? '2019' : '2021';
  const byKey = new Map(report.sections.map((s) => [s.key, s]));
  const prose = report.sections.filter((s) => !(TABLE_SECTIONS as readonly string[]).includes(s.key));
  // the standard order: 一 overview, 二–四 the tables, 五 problems, 六 other; other prose parts after 一
  const order = ['overview', ...prose.map((s) => s.key).filter((k) => !['overview', 'problems', 'other'].includes(k)), ...TABLE_SECTIONS, 'problems', 'other'];
  let index = 0;
  for (const key of order) {
    const section = byKey.get(key);
    const tables =
      key === 'proactive' ? report.table2 && renderTable2(report.table2, generation)
      : key === 'requests' ? report.table3 && renderTable3(report.table3, generation)
      : key === 'reviewLitigation' ? report.table4 && renderTable4(report.table4)
      : null;
    if (!section && !tables) continue;
    const heading = section?.heading?.trim() || standardHeading(key, index);
    out.push(heading);
    const text = section?.text?.trim();
    if (text) out.push(...text.split(/\n+/).map((p) => p.trim()).filter(Boolean));
    if (tables) out.push('', ...tables, '');
    index++;
  }
  if (meta.agency || meta.date) {
    out.push('');
    if (meta.agency) out.push(meta.agency);
    if (meta.date) {
      const [y, m, d] = meta.date.split('-').map(Number);
      out.push(`${y}年${m}月${d}日`);
    }
  }
  return `${out.join('\n')}\n`;
}
