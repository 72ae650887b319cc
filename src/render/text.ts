/**
 * A report for a person reading a terminal: identity, the recognised tables with their labels,
 * blank cells shown as "空" (never as 0), and a count of findings.
 */
import type { Report } from '../model/report.js';
import { LEGACY_INDICATORS, TABLE2, TABLE3_COLUMNS, TABLE3_ROWS, TABLE4_BLOCKS, TABLE4_COLUMNS, type TableGeneration } from '../model/template.js';
import { displayWidth, padEnd, padStart, truncate } from './width.js';

const show = (v: number | null | undefined) => (v === null || v === undefined ? '空' : String(v));

/** Label column left-aligned (cut to `labelWidth`), value columns right-aligned. */
function grid(header: string[], rows: string[][], labelWidth: number): string[] {
  const widths = header.map((h, i) => (i === 0 ? labelWidth : Math.max(...[h, ...rows.map((r) => r[i] ?? '')].map(displayWidth))));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? padEnd(truncate(c, labelWidth), labelWidth) : padStart(c, widths[i]))).join('  ');
  return [line(header), ...rows.map(line)];
}

export function renderReportText(report: Report): string {
  const out: string[] = [];
  const m = report.meta;
  out.push(`${report.source.path}`);
  out.push(`  标题 title     ${m.title ?? '—'}`);
  out.push(`  机关 agency    ${m.agency ?? '—（未写明）'}`);
  out.push(`  年度 year      ${m.year ?? '—'}    格式 template ${m.template}    日期 date ${m.date ?? '—'}`);
  if (report.sections.length) out.push(`  部分 sections  ${report.sections.map((s) => s.heading.replace(/\s+/g, '')).join(' · ')}`);

  if (report.table2) {
    const gen = ('inForce' in (report.table2.regulations ?? {}) ? '2021' : '2019') as TableGeneration;
    out.push('', '表二 主动公开政府信息情况');
    for (const row of TABLE2[gen]) {
      const r = report.table2[row.key];
      if (!r) continue;
      out.push(`  ${padEnd(row.label, 24)}${row.columns.map((c) => `${c.label.replace(/（.*$/, '')} ${show(r[c.key])}`).join('    ')}`);
    }
  }
  if (report.table3) {
    out.push('', '表三 收到和处理政府信息公开申请情况');
    const header = ['', ...TABLE3_COLUMNS.map((c) => c.label)];
    const rows = TABLE3_ROWS.filter((r) => report.table3![r.key]).map((r) => [
      r.label.replace(/（区分处理的.*）/, ''),
      ...TABLE3_COLUMNS.map((c) => show(report.table3![r.key]![c.key])),
    ]);
    out.push(...grid(header, rows, 36).map((l) => `  ${l}`));
  }
  if (report.table4) {
    out.push('', '表四 政府信息公开行政复议、行政诉讼情况');
    const header = ['', ...TABLE4_COLUMNS.map((c) => c.label)];
    const rows = TABLE4_BLOCKS.map((b) => [('group' in b ? `${b.group}·` : '') + b.label, ...TABLE4_COLUMNS.map((c) => show(report.table4![b.key]?.[c.key]))]);
    out.push(...grid(header, rows, 26).map((l) => `  ${l}`));
  }
  if (report.legacy) {
    out.push('', '统计表（2019 年以前格式）');
    const names = new Map(LEGACY_INDICATORS.map((d) => [d.key, `${d.label}（${d.unit}）`]));
    for (const [k, v] of Object.entries(report.legacy.indicators)) out.push(`  ${padEnd(truncate(names.get(k) ?? k, 44), 44)}${padStart(show(v), 10)}`);
    for (const e of report.legacy.extra) out.push(`  ${padEnd(truncate(`${e.label}${e.unit ? `（${e.unit}）` : ''}`, 44), 44)}${padStart(show(e.value), 10)}  (未列入模板)`);
  }
  if (!report.table2 && !report.table3 && !report.table4 && !report.legacy) out.push('', '  (no statistical table recognised)');
  const count = (s: string) => report.findings.filter((f) => f.severity === s).length;
  out.push('', `  findings: ${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} info — see \`gongkai check\``);
  return out.join('\n');
}
