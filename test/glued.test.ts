/**
 * Crawler text with the table cells glued together (*.glued.txt). Digits are split only where
 * the table's own totals allow exactly one split; every other cell stays null with a finding.
 * The invariant is "never silently wrong": each cell is either the expected value, or null and
 * covered by a CELL_AMBIGUOUS finding. The score is printed.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parsePath } from '../src/pipeline.js';
import { readText } from '../src/read/text.js';
import { findSections } from '../src/recognise/sections.js';
import { diffExpected, fixtureCases } from './helpers.js';

const cases = fixtureCases((f) => f.includes('.glued.'));
let exact = 0;
let cells = 0;
let right = 0;

function leaves(expected: Record<string, any>): [string, number | null][] {
  const out: [string, number | null][] = [];
  for (const t of ['table2', 'table3', 'table4']) {
    for (const [row, cols] of Object.entries((expected[t] ?? {}) as Record<string, Record<string, number | null>>))
      for (const [col, v] of Object.entries(cols)) out.push([`${t}.${row}.${col}`, v]);
  }
  for (const [k, v] of Object.entries((expected.legacy?.indicators ?? {}) as Record<string, number | null>)) out.push([`legacy.indicators.${k}`, v]);
  return out;
}

function valueOf(report: any, path: string): unknown {
  if (path.startsWith('legacy.indicators.')) return report.legacy?.indicators?.[path.slice('legacy.indicators.'.length)];
  const [t, ...rest] = path.split('.');
  const col = rest.pop()!;
  return report[t]?.[rest.join('.')]?.[col];
}

describe('glued crawler text', () => {
  it('has the fixtures', () => expect(cases.length).toBe(4));
  for (const c of cases) {
    it(`${c.name}: every cell is right, or null and flagged`, async () => {
      const out: any = await parsePath(c.source);
      expect(out.error).toBeUndefined();
      const flagged = new Set(out.findings.filter((f: any) => f.code === 'CELL_AMBIGUOUS').flatMap((f: any) => f.paths));
      for (const [path, want] of leaves(c.expected)) {
        const got = valueOf(out, path);
        cells++;
        if (got === want) {
          right++;
          continue;
        }
        expect(got, `${path}: a wrong number (${got}) instead of ${want}`).toBeNull();
        expect(flagged.has(path), `${path} is null without a CELL_AMBIGUOUS finding`).toBe(true);
      }
      // meta is read in full from crawler text
      expect(diffExpected(out, { meta: c.expected.meta }, { findings: false })).toEqual([]);
      if (!diffExpected(out, c.expected).length) exact++;
    });
  }
  it('表三 and 表四 come out exactly where present (their totals decide every split)', async () => {
    for (const c of cases.filter((x) => x.expected.table3)) {
      const out: any = await parsePath(c.source);
      expect(diffExpected({ ...out, table2: c.expected.table2 }, { table3: c.expected.table3, table4: c.expected.table4 }, { findings: false })).toEqual([]);
    }
  });
  afterAll(() => {
    console.log(`glued crawler text: docs ${exact}/${cases.length} exact · cells ${right}/${cells} right, the rest null and flagged`);
  });
});

describe('crawler text: the parts of the report inside one line', () => {
  it('finds each heading and ends it at the word that closes it', () => {
    const line =
      '一、总体情况 2023年，我局认真贯彻落实。二、主动公开 政府信息情况本年主动公开信息120条；三、收到和处理政府信息公开申请情况 本年收到申请5件。' +
      '四、政府信息公开行政复议、行政诉讼情况 无。五、存在的主要问题及改进情况 一是公开内容不够全面。六、其他需要报告的事项 本年度未收取信息处理费。' +
      '附：统计表'.repeat(20);
    const sections = findSections(readText(line, { path: 'x.txt', format: 'txt' }));
    expect(sections.map((s) => [s.key, s.heading])).toEqual([
      ['overview', '一、总体情况'],
      ['proactive', '二、主动公开 政府信息情况'],
      ['requests', '三、收到和处理政府信息公开申请情况'],
      ['reviewLitigation', '四、政府信息公开行政复议、行政诉讼情况'],
      ['problems', '五、存在的主要问题及改进情况'],
      ['other', '六、其他需要报告的事项'],
    ]);
    expect(sections[2].text).toBe('本年收到申请5件。');
  });
});
