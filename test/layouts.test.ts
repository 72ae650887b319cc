/**
 * The table shapes reports come in, read into the same document model: one cell per line (Word
 * text), tab-separated rows, pipe-terminated cells, Markdown tables, HTML with merged cells, and
 * the cell-level interpretations (signed changes, blanks, units, missing labels).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../src/model/report.js';
import { parseBuffer } from '../src/pipeline.js';
import { readHtml } from '../src/read/html.js';
import { LazyLines } from '../src/read/lazy-lines.js';
import { lineExcerpt, readableLine } from '../src/check/excerpt.js';
import { readText } from '../src/read/text.js';
import { inferPeriod } from '../src/read/period.js';
import { FIXTURES } from './helpers.js';

const src = { path: 'x', format: 'txt' };
const tables = (text: string) => readText(text, src).blocks.filter((b) => b.kind === 'table');

async function report(text: string, name = 'r.txt'): Promise<Report> {
  const out = await parseBuffer(Buffer.from(text), name);
  if ('error' in out) throw new Error(out.error.message);
  return out;
}

describe('text table shapes', () => {
  it('one cell per tab-indented line, rows separated by blank lines, cells continued after a blank', () => {
    const [t] = tables('\t信息内容\n\t本年新\n\n公开数量\n\t对外公开\n\n总数量\n\n\t规章\n\t0\n\t[bookmark: _GoBack]12\n\t3\n');
    if (t.kind !== 'table') throw new Error();
    expect(t.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['信息内容', '本年新公开数量', '对外公开总数量'],
      ['规章', '0', '12', '3'],
    ]);
    expect(t.rows[1][2].loc).toEqual({ line: 11 });
  });

  it('tab-separated rows keep empty cells and their columns', () => {
    const [t] = tables('行政许可\t5\t\t\n行政处罚\t\t7\t\n');
    if (t.kind !== 'table') throw new Error();
    expect(t.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['行政许可', '5', '', ''],
      ['行政处罚', '', '7', ''],
    ]);
  });

  it('one cell per line ending in " |": the column count is inferred', () => {
    const lines = ['统计指标 |', '单位 |', '统计数 |', '一、主动公开情况 |', '|', '|'];
    for (const [label, unit, value] of [['主动公开政府信息数', '条', '435'], ['制发规范性文件总数', '件', '0'], ['政府网站公开政府信息数', '条', '435'], ['兼职人员数', '人', '1']]) lines.push(`${label} |`, `${unit} |`, `${value} |`);
    const [t] = tables(lines.join('\n'));
    if (t.kind !== 'table') throw new Error();
    expect(t.rows[0].map((c) => c.text)).toEqual(['统计指标', '单位', '统计数']);
    expect(t.rows[2].map((c) => c.text)).toEqual(['主动公开政府信息数', '条', '435']);
    expect(inferPeriod(lines.map((l) => l.replace(/\s*\|$/, '')))).toBe(3);
  });

  it('Markdown pipe tables', () => {
    const [t] = readText('| 信息内容 | 本年处理决定数量 |\n|---|---:|\n| 行政许可 | 12 |\n| 行政处罚 |  |\n', { path: 'x.md', format: 'md' }, { markdown: true }).blocks;
    if (t.kind !== 'table') throw new Error('no table');
    expect(t.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['信息内容', '本年处理决定数量'],
      ['行政许可', '12'],
      ['行政处罚', ''],
    ]);
  });

  it('HTML tables: rowspan and colspan resolved into a dense grid', () => {
    const doc = readHtml(
      '<table><tr><td rowspan="2">三、本年度办理结果</td><td colspan="2">（一）予以公开</td><td>7</td></tr><tr><td>（三）不予公开</td><td>1.属于国家秘密</td><td>0</td></tr></table>',
      { path: 'x.html', format: 'html' },
    );
    const [t] = doc.blocks;
    if (t.kind !== 'table') throw new Error();
    expect(t.rows.map((r) => r.map((c) => (c.spanned ? `^${c.text}` : c.text)))).toEqual([
      ['三、本年度办理结果', '（一）予以公开', '^（一）予以公开', '7'],
      ['^三、本年度办理结果', '（三）不予公开', '1.属于国家秘密', '0'],
    ]);
  });

  it('HTML layout tables that contain tables are read as ordinary blocks', () => {
    const doc = readHtml('<table><tr><td><p>一、总体情况</p><table><tr><td>规章</td><td>1</td></tr></table></td></tr></table>', { path: 'x.html', format: 'html' });
    expect(doc.blocks.map((b) => b.kind)).toEqual(['paragraph', 'table']);
  });
});

describe('HTML source lines, decoded on demand', () => {
  const pages = ['', 'one line', 'a\nb\n', '\n\n中文\r\n第二行 😀\n', '<p>一、总体情况</p>\n<table><tr><td>规章</td></tr></table>'];
  it.each(pages)('are the lines of the decoded page: %j', (page) => {
    const lines = new LazyLines(Buffer.from(page, 'utf8'));
    const expected = page.split('\n');
    expect(lines.length).toBe(expected.length);
    // out of order, and twice, as diagnostics ask for them
    for (const i of [...expected.keys()].reverse()) expect(lines.at(i)).toBe(expected[i]);
    expect(Array.from({ length: lines.length }, (_, i) => lines.at(i))).toEqual(expected);
    expect(lines.at(-1)).toBeUndefined();
    expect(lines.at(expected.length)).toBeUndefined();
  });

  it('answer "does line i contain this text" from the bytes, as the decoded line would', () => {
    const page = '<p>政府信息公开 2599 条</p>\n第二行 😀 done\r\n\nlast';
    const lines = new LazyLines(Buffer.from(page, 'utf8'));
    const decoded = page.split('\n');
    const probes = ['政府信息', '2599 条', '</p>', '第二行', '😀', '\ud83d', '\r', '', 'last', '公开2599', 'done\r\n'];
    for (let i = -1; i <= decoded.length; i++) for (const p of probes) expect([i, p, lines.includes(i, p)]).toEqual([i, p, decoded[i]?.includes(p) ?? false]);
    // the start of a line is cut before a character, never inside one
    const fresh = new LazyLines(Buffer.from(page, 'utf8'));
    expect(fresh.start(0, 4)).toEqual({ text: '<p>', whole: false });
    expect(fresh.start(0, 6)).toEqual({ text: '<p>政', whole: false });
    expect(fresh.start(3, 4)).toEqual({ text: 'last', whole: true });
    expect(fresh.start(4, 4)).toBeUndefined();
  });

  // a page that is one long line: the excerpt decodes only as much of it as it needs
  const markup = (n: number) => `<span style="mso-bidi-font-family:'Times New Roman';color:black">`.repeat(n);
  const longLines = [
    `${markup(400)}<p>本年度收到申请 5 件</p>${markup(400)}`, // markup past the first bytes decoded: the text is short
    `<p>${'本年度收到申请五件。'.repeat(2000)}</p>`, // text far over the limit within the first bytes
    `<a title="${'x'.repeat(40_000)}">短</a>`, // no ">" in the first bytes: the whole line is needed
    `${markup(300)}<p>${'文'.repeat(380)}</p> <b>${'字'.repeat(30)}`, // over the limit only near the end
    `${'文 '.repeat(20_000)}<`, // a "<" that never closes is text
  ];
  it.each(longLines.map((l, i) => [i, l]))('a long line\'s excerpt is readableLine of the whole line (%i)', (_i, line) => {
    const lines = new LazyLines(Buffer.from(`第一行\n${line}\n末行`, 'utf8'));
    expect(lineExcerpt(lines, 1, 400)).toBe(readableLine(line as string, 400));
    expect(lineExcerpt(['第一行', line as string], 1, 400)).toBe(readableLine(line as string, 400));
    expect(lineExcerpt(lines, 5, 400)).toBeNull();
  });

  it('a finding on an HTML page shows the text of its line under it (pingtan 2019)', async () => {
    const r = (await parseBuffer(readFileSync(join(FIXTURES, 'real/pingtan-2019.html')), 'pingtan-2019.html')) as Report;
    const f = r.findings.find((x) => x.code === 'NARRATIVE_SUM_MISMATCH');
    expect(f?.loc).toEqual({ line: 349 });
    expect(f?.excerpt).toMatch(/^（一）基本情况今年，我区政府信息公开单位共公布政府信息2599条/);
  });
});

describe('every fixture layout is recognised', () => {
  const seed = (n: string) => readFileSync(join(FIXTURES, 'seeds', n), 'utf8');
  it('Word text with tab-indented cells (seed 000): signed change -141 and [bookmark] artefacts', async () => {
    const r = await report(seed('000_c47e9c5f12649720.txt'));
    expect(r.table2?.penalty).toEqual({ previousItems: 292, change: -141, decisions: 35 });
    expect(r.table2?.licensing?.previousItems).toBe(18);
    expect(r.cells.find((c) => c.path === 'table2.licensing.previousItems')?.raw).toBe('18');
  });

  it('tab-separated rows with empty label columns (seed 001)', async () => {
    const r = await report(seed('001_f41306fad5832fd5.txt'));
    expect(r.meta.template).toBe('2021');
    expect(Object.keys(r.table3!)).toContain('otherHandling.other');
    expect(r.table2?.licensing).toEqual({ decisions: 5 });
  });

  it('"增3" is read as +3 and flagged (seed 003)', async () => {
    const r = await report(seed('003_b7d93dd1867ccdfc.txt'));
    expect(r.table2?.penalty?.change).toBe(3);
    const f = r.findings.find((x) => x.code === 'CELL_NORMALISED');
    expect(f?.paths).toEqual(['table2.penalty.change']);
    expect(f?.severity).toBe('info');
  });

  it('rows whose labels are missing are placed by position and flagged (seed 004)', async () => {
    const r = await report(seed('004_2e038facf9d8feda.txt'));
    const flagged = r.findings.filter((f) => f.code === 'ROW_LABEL_MISSING').map((f) => f.paths?.[0]);
    expect(flagged).toEqual(['table3.denied.stateSecret.naturalPerson', 'table3.denied.prohibitedByLaw.naturalPerson']);
    expect(r.cells.find((c) => c.path === 'table3.denied.stateSecret.total')?.inferred).toMatch(/position/);
  });

  it('a unit in a cell is converted: 75394432.52元 → 7539.443252 万元 (pingtan 2019)', async () => {
    const r = await report(readFileSync(join(FIXTURES, 'real', 'pingtan-2019.html'), 'utf8'), 'p.html');
    expect(r.table2?.procurement?.amount).toBe(7539.443252);
    expect(r.cells.find((c) => c.path === 'table2.procurement.amount')).toMatchObject({ raw: '75394432.52元', unit: '元' });
  });

  it('a fee column headed 单位：元 is read in 元 and converted, in a grid and in tab-separated text alike', async () => {
    // the grid reader caches each cell's reading; the 元 the header adds must not be lost to it
    const rows = [
      ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
      ['规章', '0', '0', '0'],
      ['行政规范性文件', '1', '0', '5'],
      ['信息内容', '本年处理决定数量'],
      ['行政许可', '10'],
      ['行政处罚', '3'],
      ['信息内容', '本年收费金额（单位：元）'],
      ['行政事业性收费', '2510'],
    ];
    const html = `<p>某县人民政府政府信息公开工作2022年度报告</p><table>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</table><p>第二十条第（一）项</p>`;
    for (const [source, name] of [[html, 'fees.html'], [rows.map((r) => r.join('\t')).join('\n'), 'fees.txt']]) {
      const r = await report(source, name);
      expect(r.table2?.fees?.amount).toBe(0.251);
      expect(r.cells.find((c) => c.path === 'table2.fees.amount')).toMatchObject({ raw: '2510元', value: 0.251, unit: '元', normalised: '元 converted to 万元' });
    }
  });

  it('blank cells are null, never 0, and are reported', async () => {
    const text = seed('000_c47e9c5f12649720.txt').replace('\t292\n', '\t\n').replace('\t2436\n', '\t/\n');
    const r = await report(text);
    expect(r.table2?.penalty?.previousItems).toBeNull();
    expect(r.table2?.otherServices?.decisions).toBeNull();
    const blank = r.findings.filter((f) => f.code === 'CELL_BLANK').flatMap((f) => f.paths);
    expect(blank).toEqual(expect.arrayContaining(['table2.penalty.previousItems', 'table2.otherServices.decisions']));
    expect(r.cells.find((c) => c.path === 'table2.otherServices.decisions')?.marker).toBe('slash');
  });

  it('cells all have one shape, and the JSON leaves out what a cell does not have', async () => {
    const text = seed('000_c47e9c5f12649720.txt').replace('\t292\n', '\t\n');
    const r = await report(text);
    // one set of fields in one order: the rules that read every cell compile for one shape
    expect(new Set(r.cells.map((c) => Object.keys(c).join()))).toEqual(new Set(['path,raw,value,loc,marker,unit,normalised,inferred']));
    const blank = r.cells.find((c) => c.path === 'table2.penalty.previousItems');
    expect(JSON.parse(JSON.stringify(blank))).toEqual({ path: 'table2.penalty.previousItems', raw: '', value: null, loc: { line: 52 }, marker: 'blank' });
    expect(Object.keys(JSON.parse(JSON.stringify(blank)))).toEqual(['path', 'raw', 'value', 'loc', 'marker']);
    // a number read as printed has none of the optional fields
    const signed = r.cells.find((c) => c.raw.trim() === '-141');
    expect(Object.keys(JSON.parse(JSON.stringify(signed)))).toEqual(['path', 'raw', 'value', 'loc']);
  });

  it('pdftotext -raw: values out of reading order are rebuilt and the reconstruction is said', async () => {
    const r = await report(readFileSync(join(FIXTURES, 'real', 'hongze-2023.raw.txt'), 'utf8'));
    expect(r.table3?.['unavailable.notHeld']).toEqual({ naturalPerson: 10, commercial: 0, research: 0, publicInterest: 0, legalService: 0, otherOrganization: 0, total: 10 });
    expect(r.findings.find((f) => f.code === 'TABLE_RECONSTRUCTED')?.message).toMatch(/column by column/);
  });

  it('pdftotext -raw: 表四 printed out of order is regrouped by its block totals', async () => {
    const r = await report(readFileSync(join(FIXTURES, 'real', 'huaian-2024.raw.txt'), 'utf8'));
    expect(r.table4).toEqual({
      reconsideration: { upheld: 72, corrected: 64, other: 178, pending: 37, total: 351 },
      litigationDirect: { upheld: 13, corrected: 4, other: 8, pending: 1, total: 26 },
      litigationAfterReconsideration: { upheld: 12, corrected: 1, other: 1, pending: 6, total: 20 },
    });
  });

  it('a wrong total in a grid is the report’s own error, never "repaired" (hongze 2023 表四)', async () => {
    const r = await report(readFileSync(join(FIXTURES, 'real', 'hongze-2023.layout.txt'), 'utf8'));
    expect(r.table4?.reconsideration).toEqual({ upheld: 10, corrected: 1, other: 0, pending: 0, total: 0 });
    expect(r.findings.filter((f) => f.code === 'T4_BLOCK_SUM').map((f) => [f.expected, f.actual])).toEqual([
      [11, 0],
      [5, 0],
    ]);
  });
});
