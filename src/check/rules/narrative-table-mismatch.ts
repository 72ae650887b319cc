import type { Report } from '../../model/report.js';
import { differentScope, UNIT } from '../narrative.js';
import { locate, prose } from '../prose.js';
import { defineRule } from '../rule.js';

interface Fact {
  /** What the clause says, up to the figure at its end. */
  pattern: RegExp;
  /** A word every match of the pattern contains: a cheap test before the regex. */
  keyword: string;
  name: string;
  /** The table figure the statement is about, or null when the report has no such figure. */
  target(report: Report): { value: number | null; paths: string[] } | null;
}

const cell = (report: Report, table: 'table2' | 'table3' | 'table4', row: string, col: string) => {
  const v = report[table]?.[row]?.[col];
  return v === undefined ? null : { value: v, paths: [`${table}.${row}.${col}`] };
};
const legacy = (report: Report, key: string) => {
  const v = report.legacy?.indicators[key];
  return v === undefined ? null : { value: v, paths: [`legacy.indicators.${key}`] };
};

const UNIT_RE = new RegExp(UNIT);

/** The statements checked, each with the table figure it must agree with. */
const FACTS: Fact[] = [
  {
    name: '收到政府信息公开申请',
    keyword: '申请',
    pattern: new RegExp(`(?:共|新|全年|本年|本年度)?(?:收到|受理|接收|新收)(?:了|到)?(?:有关)?(?:政府信息公开|信息公开|依申请公开)(?:的)?申请(?:件|数)?(?:共计|共|合计)?\\s*$`),
    target: (r) => cell(r, 'table3', 'newReceived', 'total') ?? legacy(r, 'requests.received'),
  },
  {
    name: '主动公开政府信息',
    keyword: '主动公开',
    pattern: /主动公开(?:各类)?政府信息(?:共计|共|合计)?\s*$/,
    target: (r) => legacy(r, 'proactive.total'),
  },
  {
    name: '行政许可',
    keyword: '行政许可',
    pattern: /行政许可(?:决定)?(?:共计|共|合计)?\s*$/,
    target: (r) => cell(r, 'table2', 'licensing', 'decisions'),
  },
  {
    name: '行政处罚',
    keyword: '行政处罚',
    pattern: /行政处罚(?:决定)?(?:共计|共|合计)?\s*$/,
    target: (r) => cell(r, 'table2', 'penalty', 'decisions'),
  },
  {
    name: '政府信息公开行政复议',
    keyword: '复议',
    pattern: /政府信息公开(?:行政复议|复议)(?:案件|申请)?(?:共计|共)?\s*$|被(?:申请|提起)(?:行政)?复议(?:的)?政府信息公开(?:案件|申请)(?:共计|共)?\s*$/,
    target: (r) => cell(r, 'table4', 'reconsideration', 'total'),
  },
  {
    name: '政府信息公开行政诉讼',
    keyword: '诉讼',
    pattern: /政府信息公开(?:行政诉讼|诉讼)(?:案件)?(?:共计|共)?\s*$/,
    target: (r) => {
      const a = r.table4?.litigationDirect?.total;
      const b = r.table4?.litigationAfterReconsideration?.total;
      if (a === undefined || b === undefined) return null;
      return { value: a === null || b === null ? null : a + b, paths: ['table4.litigationDirect.total', 'table4.litigationAfterReconsideration.total'] };
    },
  },
];

export default defineRule({
  meta: {
    code: 'NARRATIVE_TABLE_MISMATCH',
    severity: 'warning',
    scope: 'report',
    basis: 'FORMAT.md §D TXT-T3 (heuristic)',
    title: { zh: '正文数字与表格不一致', en: 'A figure in the prose contradicts the table' },
    explanation: {
      zh: '正文中写明的数字（如“共收到政府信息公开申请N件”“主动公开政府信息N条”“行政处罚N件”“政府信息公开行政复议N件”）与表格中同一数字不一致。约数（“N余条”）、与上年的比较、以及范围不同的表述（部门报告中的“全市”“全区”“系统”“直属单位”等，政府报告中的“本级”“办公室”）不作比较，以免误报。',
      en: 'A figure stated in the text (“received N applications”, “proactively disclosed N items”, licensing and penalty decisions, reconsideration and litigation cases about disclosure) differs from the same figure in a table. Approximate figures (N余条), comparisons with last year and statements about a different scope (city-wide or system-wide figures in a department’s report, the government’s own office in a government’s report) are not compared, to avoid false alarms.',
    },
  },
  check({ report, lines }, emit) {
    for (const { section, sentences } of prose(report)) {
      for (const { text: sentence, clauses, figures, comparison } of sentences) {
        if (!clauses.length || comparison) continue;
        for (const [k, clause] of clauses.entries()) {
          const fig = figures[k];
          if (!fig || fig.approximate || !UNIT_RE.test(fig.unit)) continue;
          for (const fact of FACTS) {
            if (!fig.label.includes(fact.keyword) || !fact.pattern.test(fig.label)) continue;
            // "行政许可类信息" counts published items, not decisions
            if (/类|信息|事项$/.test(fig.label.slice(-4)) && fact.name.startsWith('行政')) continue;
            if (differentScope(clause, report) || differentScope(sentence.split(clause)[0].slice(-12), report)) continue;
            const t = fact.target(report);
            if (!t || t.value === null || t.value === fig.value) continue;
            emit({
              message: `正文称${fact.name} ${fig.value}${fig.unit}，表格为 ${t.value}：“${clause.trim()}”`,
              paths: t.paths,
              expected: t.value,
              actual: fig.value,
              loc: locate(clause, section, lines),
              excerpt: sentence.slice(0, 200),
            });
          }
        }
      }
    }
  },
});
