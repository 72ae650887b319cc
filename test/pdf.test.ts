/**
 * The PDF reader: every PDF fixture comes out exactly as its expected JSON (with the findings),
 * with the same finding codes as its pdftotext -layout twin, both from ruling lines and — with
 * the rules ignored — from text positions alone; by default the ruling lines are read only when
 * the text positions do not give complete tables; the ruled grids keep the report's merged
 * cells; and the artefacts of real PDFs (tables across pages, page numbers, repeated headers,
 * numbers written in pieces, Kangxi radicals, CJK text without a ToUnicode map, owner
 * passwords) are handled, on small PDFs written for the purpose.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TABLE3_COLUMNS, table3Rows } from '../src/model/template.js';
import { analyse, parsePath } from '../src/pipeline.js';
import type { Block, Table } from '../src/read/document.js';
import { readPdf } from '../src/read/pdf.js';
import type { StandardTable } from '../src/read/pdf/anchors.js';
import type { PdfCell } from '../src/read/pdf/cells.js';
import { completeTables } from '../src/read/pdf/complete.js';
import { diffExpected, fixtureCases } from './helpers.js';
import { writePdf, type Op, type PageSpec } from './pdf-writer.js';

const pdfs = fixtureCases((f) => f.endsWith('.pdf'));
const source = (path: string) => ({ path, format: 'pdf' });
const tables = (blocks: Block[]) => blocks.filter((b): b is Table => b.kind === 'table');
const texts = (t: Table) => t.rows.map((r) => r.map((c) => (c.spanned ? '~' : c.text)));

describe('PDF fixtures', () => {
  it('has the three real PDFs', () => {
    expect(pdfs.map((c) => c.name).sort()).toEqual(['hongze-2023.pdf', 'hongze-2024.pdf', 'huaian-2024.pdf']);
  });

  for (const c of pdfs) {
    it(`${c.name}: exactly the expected report`, async () => {
      const out = await parsePath(c.source);
      expect(diffExpected(out, c.expected)).toEqual([]);
    });

    it(`${c.name}: the same finding codes as its pdftotext -layout twin`, async () => {
      const pdf = (await parsePath(c.source)) as any;
      const layout = (await parsePath(c.source.replace(/\.pdf$/, '.layout.txt'))) as any;
      const codes = (r: any) => [...new Set<string>(r.findings.map((f: any) => `${f.code}:${f.severity}`))].sort();
      expect(codes(pdf)).toEqual(codes(layout));
      expect(pdf.meta).toEqual(layout.meta);
    });

    it(`${c.name}: exact from text positions alone (ruling lines ignored)`, async () => {
      const doc = await readPdf(readFileSync(c.source), source(c.source), { rulings: false });
      expect(diffExpected(analyse(doc), c.expected)).toEqual([]);
    });

    it(`${c.name}: exact from the ruled grids (ruling lines read on every table page)`, async () => {
      const doc = await readPdf(readFileSync(c.source), source(c.source), { rulings: true });
      expect(diffExpected(analyse(doc), c.expected)).toEqual([]);
    });

    it(`${c.name}: by default its tables, complete from text positions, are read without ruling lines`, async () => {
      const data = readFileSync(c.source);
      expect(await readPdf(data, source(c.source))).toEqual(await readPdf(data, source(c.source), { rulings: false }));
    });
  }

  it('hongze-2023 T4_BLOCK_SUM: the 表四 totals as printed (0), not repaired', async () => {
    const out = (await parsePath(pdfs.find((c) => c.name === 'hongze-2023.pdf')!.source)) as any;
    expect(out.table4.reconsideration).toEqual({ upheld: 10, corrected: 1, other: 0, pending: 0, total: 0 });
    const codes = out.findings.filter((f: any) => f.severity === 'error').map((f: any) => f.code);
    expect(codes).toEqual(['T4_BLOCK_SUM', 'T4_BLOCK_SUM']);
  });
});

describe('PDF grids keep the structure of the printed tables', () => {
  // the ruled grids: ruling lines read whatever the text positions give
  const read = async (name: string) => {
    const path = pdfs.find((c) => c.name === name)!.source;
    return readPdf(readFileSync(path), source(path), { rulings: true });
  };

  it('huaian-2024: 表三 across pages 4–5 is one grid, its split group label merged again', async () => {
    const doc = await read('huaian-2024.pdf');
    const [t2, t3, t4] = tables(doc.blocks);
    expect(tables(doc.blocks)).toHaveLength(3);
    expect(t3.structure).toBe('grid');
    // 3 header rows + 25 rows, 3 label columns + 7 value columns
    expect(t3.rows).toHaveLength(28);
    expect(t3.rows.every((r) => r.length === 10)).toBe(true);
    const cell = (label: string) => t3.rows.flat().find((c) => !c.spanned && c.text === label)!;
    expect(cell('三、本年度办理结果').rowSpan).toBe(22);
    // "（四）无" ends page 4, "法提供" starts page 5
    expect(cell('（四）无法提供')).toMatchObject({ rowSpan: 3, loc: { page: 4 } });
    expect(cell('（六）其他处理').rowSpan).toBe(3);
    const notHeld = t3.rows.find((r) => r[2].text === '1.本机关不掌握相关政府信息')!;
    expect(notHeld.slice(3).map((c) => c.text)).toEqual(['746', '12', '0', '0', '10', '1', '769']);
    expect(notHeld[3].loc).toMatchObject({ page: 4 });
    expect(notHeld[3].loc.x).toBeGreaterThan(250);
    // header words broken over lines are one cell
    expect(t3.rows[2].slice(4, 9).map((c) => c.text.replace(/\s+/g, ''))).toEqual(['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他']);
    expect(texts(t4)[3]).toEqual(['72', '64', '178', '37', '351', '13', '4', '8', '1', '26', '12', '1', '1', '6', '20']);
    expect(texts(t2)[5]).toEqual(['信息内容', '本年处理决定数量', '~', '~']);
  });

  it('hongze-2023: the vertical label in a vertical font is read whole (pdf.js text content drops half of it)', async () => {
    const doc = await read('hongze-2023.pdf');
    const t3 = tables(doc.blocks)[1];
    const group = t3.rows.flat().find((c) => !c.spanned && c.text.startsWith('三、'))!;
    expect(group.text).toBe('三、本年度办理结果');
    expect(group.rowSpan).toBe(20);
  });

  it('page numbers are dropped, paragraphs are one per line with their place on the page', async () => {
    const doc = await read('hongze-2023.pdf');
    const paragraphs = doc.blocks.filter((b) => b.kind === 'paragraph');
    expect(paragraphs.some((p) => /^\s*-\s*\d+\s*-\s*$/.test(p.text))).toBe(false);
    const heading = paragraphs.find((p) => p.text === '二、主动公开政府信息情况')!;
    expect(heading.loc).toMatchObject({ page: 2 });
    expect(heading.loc.x).toBeGreaterThan(90);
    // the table follows its heading, and the next heading follows the table
    const i = doc.blocks.indexOf(heading);
    expect(doc.blocks[i + 1].kind).toBe('table');
    expect(doc.blocks[i + 2]).toMatchObject({ kind: 'paragraph', text: '三、收到和处理政府信息公开申请情况' });
    // items of a line are joined in x order, a space where there is a gap
    expect(paragraphs.map((p) => p.text)).toContain('2023 年，洪泽区政府信息公开工作取得一定的成效，但对照');
    expect(doc.lines!.length).toBeGreaterThan(100);
  });
});

// ---------------------------------------------------------------------------------------------
// small PDFs written for the purpose
// ---------------------------------------------------------------------------------------------

const LEFT = 40;
const LABEL_RIGHT = 330;
const COL = 35;
const RIGHT = LABEL_RIGHT + 7 * COL;
const ROW = 20;
const NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

/** 表三 values: consistent totals; newReceived.naturalPerson is 15, printed as "1" and "5". */
const VALUES: Record<string, number[]> = {
  newReceived: [15, 1, 0, 0, 0, 0, 16],
  carriedOver: [1, 0, 0, 0, 0, 0, 1],
  granted: [13, 1, 0, 0, 0, 0, 14],
  partiallyGranted: [1, 0, 0, 0, 0, 0, 1],
  'unavailable.notHeld': [1, 0, 0, 0, 0, 0, 1],
  resultsTotal: [15, 1, 0, 0, 0, 0, 16],
  carriedForward: [1, 0, 0, 0, 0, 0, 1],
};
const rows2021 = table3Rows('2021');
const valuesOf = (key: string) => VALUES[key] ?? [0, 0, 0, 0, 0, 0, 0];

/** A ruled (or unruled) 表三 over two pages, with its header printed again on the second. */
function table3Pdf(rules: boolean): Buffer {
  return writePdf(table3Pages(rules));
}

/** The pages of table3Pdf; `blank`: the cell (row key, column) printed without its number. */
function table3Pages(rules: boolean, blank?: [string, number]): PageSpec[] {
  const split = 15;
  const pages: PageSpec[] = [];
  for (const [p, rows] of [rows2021.slice(0, split), rows2021.slice(split)].entries()) {
    const ops: Op[] = [];
    let top = 800;
    if (p === 0) ops.push({ text: '三、收到和处理政府信息公开申请情况', x: LEFT, y: top + 10, size: 12, font: 'cjk' });
    // header row (repeated on the second page, as Word does with a repeated heading row)
    const lines: number[] = [top];
    ops.push({ text: NOTE, x: LEFT + 2, y: top - ROW + 6, size: 6, font: 'cjk' });
    TABLE3_COLUMNS.forEach((c, k) => ops.push({ text: c.label, x: LABEL_RIGHT + k * COL + 2, y: top - ROW + 6, size: 4.5, font: 'cjk' }));
    top -= ROW;
    lines.push(top);
    for (const row of rows) {
      const y = top - ROW + 6;
      ops.push({ text: row.label, x: LEFT + 2, y, size: 6, font: 'cjk' });
      valuesOf(row.key).forEach((v, k) => {
        const x = LABEL_RIGHT + k * COL + 12;
        if (blank && row.key === blank[0] && k === blank[1]) return;
        if (row.key === 'newReceived' && k === 0) {
          // one number written as two pieces, 1.5 pt apart
          ops.push({ text: '1', x, y, size: 8 }, { text: '5', x: x + 4.45 + 1.5, y, size: 8 });
        } else ops.push({ text: String(v), x, y, size: 8 });
      });
      top -= ROW;
      lines.push(top);
    }
    if (rules) {
      for (const y of lines) ops.push({ line: [LEFT, y, RIGHT, y] });
      for (let k = 0; k <= 8; k++) {
        const x = k === 0 ? LEFT : LABEL_RIGHT + (k - 1) * COL;
        ops.push({ line: [x, lines[0], x, lines[lines.length - 1]] });
      }
    }
    ops.push({ text: `- ${p + 1} -`, x: 290, y: 30, size: 10 });
    if (p === 1) ops.push({ text: '四、政府信息公开行政复议、行政诉讼情况', x: LEFT, y: top - 30, size: 12, font: 'cjk' });
    pages.push({ ops });
  }
  return pages;
}

/** 表二 (2021) values, and 表四's 15 numbers. */
const T2_VALUES: [string, string, number[]][] = [
  ['一', '规章', [0, 0, 1]],
  ['一', '行政规范性文件', [2, 1, 5]],
  ['五', '行政许可', [10]],
  ['六', '行政处罚', [3]],
  ['六', '行政强制', [1]],
  ['八', '行政事业性收费', [0]],
];
const T4_VALUES = [1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 2, 1, 0, 0, 3];

/**
 * A whole report's three tables: 表二 and 表四 printed without ruling lines, 表三 ruled over two
 * pages (see table3Pages). Complete from text positions alone, unless `blank` leaves out a
 * number of 表三.
 */
function reportPdf(blank?: [string, number]): Buffer {
  const t2: Op[] = [{ text: '二、主动公开政府信息情况', x: LEFT, y: 810, size: 12, font: 'cjk' }];
  let y = 780;
  let item = '';
  for (const [sub, label, values] of T2_VALUES) {
    if (sub !== item) {
      item = sub;
      t2.push({ text: `第二十条第（${sub}）项`, x: LEFT, y, size: 8, font: 'cjk' });
      y -= 16;
      const columns = sub === '一' ? ['本年制发件数', '本年废止件数', '现行有效件数'] : [sub === '八' ? '本年收费金额（单位：万元）' : '本年处理决定数量'];
      t2.push({ text: '信息内容', x: LEFT, y, size: 8, font: 'cjk' });
      columns.forEach((c, k) => t2.push({ text: c, x: 200 + k * 100, y, size: 8, font: 'cjk' }));
      y -= 16;
    }
    t2.push({ text: label, x: LEFT, y, size: 8, font: 'cjk' });
    values.forEach((v, k) => t2.push({ text: String(v), x: 220 + k * 100, y, size: 8 }));
    y -= 16;
  }
  const t4: Op[] = [];
  const x = (k: number) => 60 + k * 34;
  t4.push({ text: '行政复议', x: x(1), y: 800, size: 7, font: 'cjk' }, { text: '行政诉讼', x: x(9), y: 800, size: 7, font: 'cjk' });
  t4.push({ text: '未经复议直接起诉', x: x(6), y: 785, size: 7, font: 'cjk' }, { text: '复议后起诉', x: x(11), y: 785, size: 7, font: 'cjk' });
  for (let k = 0; k < 15; k++) {
    t4.push({ text: ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'][k % 5], x: x(k), y: 770, size: 6, font: 'cjk' });
    t4.push({ text: String(T4_VALUES[k]), x: x(k) + 8, y: 752, size: 8 });
  }
  t4.push({ text: '五、存在的主要问题及改进情况', x: LEFT, y: 700, size: 12, font: 'cjk' });
  return writePdf([{ ops: t2 }, ...table3Pages(true, blank), { ops: t4 }]);
}

const expectedTable3 = Object.fromEntries(rows2021.map((r) => [r.key, Object.fromEntries(TABLE3_COLUMNS.map((c, k) => [c.key, valuesOf(r.key)[k]]))]));

describe('small PDFs: tables across pages, numbers in pieces, fonts', () => {
  it('a ruled 表三 across two pages: one grid, the repeated header dropped, exact values', async () => {
    const doc = await readPdf(table3Pdf(true), source('t3.pdf'));
    const [t3] = tables(doc.blocks);
    expect(tables(doc.blocks)).toHaveLength(1);
    // one header row and 25 rows: the header printed again on page 2 is not a row
    expect(t3.rows).toHaveLength(26);
    expect(t3.rows.filter((r) => r[0].text === NOTE)).toHaveLength(1);
    expect(t3.rows[25][0].text).toBe('四、结转下年度继续办理');
    expect(t3.rows[25][0].loc.page).toBe(2);
    expect(doc.blocks.some((b) => b.kind === 'paragraph' && /-\s*\d\s*-/.test(b.text))).toBe(false);
    const report = analyse(doc) as any;
    expect(report.table3).toEqual(expectedTable3);
    expect(report.findings.filter((f: any) => f.severity === 'error')).toEqual([]);
  });

  it('a number written as two text items is read as one, and the cell records the pieces', async () => {
    const doc = await readPdf(table3Pdf(true), source('t3.pdf'));
    const cell = tables(doc.blocks)[0].rows[1][1] as PdfCell;
    expect(cell.text).toBe('15');
    expect(cell.rejoined).toEqual(['1', '5']);
    // and the report says so: the cell's provenance and a finding
    const report = analyse(doc) as any;
    expect(report.cells.find((c: any) => c.path === 'table3.newReceived.naturalPerson').normalised).toMatch(/"1" "5".*joined/);
    expect(report.findings.find((f: any) => f.code === 'CELL_NORMALISED' && f.paths[0] === 'table3.newReceived.naturalPerson')?.severity).toBe('info');
  });

  it('the same 表三 without ruling lines: rebuilt from positions, same values', async () => {
    const doc = await readPdf(table3Pdf(false), source('t3.pdf'));
    const [t3] = tables(doc.blocks);
    expect(t3.rows.filter((r) => r[0].text.includes('本列数据'))).toHaveLength(1);
    const first = t3.rows.find((r) => r[0].text.endsWith('本年新收政府信息公开申请数量'))!;
    expect(first[1]).toMatchObject({ text: '15', rejoined: ['1', '5'] });
    expect((analyse(doc) as any).table3).toEqual(expectedTable3);
  });

  it('a report whose three tables are complete from text positions: the ruling lines are not read', async () => {
    const pdf = reportPdf();
    const [auto, positions, ruled] = await Promise.all([undefined, false, true].map((rulings) => readPdf(pdf, source('r.pdf'), { rulings })));
    expect(tables(auto.blocks)).toHaveLength(3);
    expect(auto).toEqual(positions);
    expect(auto).not.toEqual(ruled);
    const report = analyse(auto) as any;
    expect(report.table3).toEqual(expectedTable3);
    expect(report.table2.normativeDocuments).toEqual({ issued: 2, repealed: 1, inForce: 5 });
    expect(report.table2.fees).toEqual({ amount: 0 });
    expect(report.table4.litigationAfterReconsideration).toEqual({ upheld: 2, corrected: 1, other: 0, pending: 0, total: 3 });
    // read with its ruling lines, the same report
    expect(analyse(ruled)).toMatchObject({ table2: report.table2, table3: report.table3, table4: report.table4 });
  });

  it('a report whose 表三 is incomplete from text positions (a blank cell): the ruling lines are read', async () => {
    const pdf = reportPdf(['granted', 2]);
    const [auto, positions, ruled] = await Promise.all([undefined, false, true].map((rulings) => readPdf(pdf, source('r.pdf'), { rulings })));
    expect(auto).toEqual(ruled);
    expect(auto).not.toEqual(positions);
    // the ruled grid keeps the blank in its column
    const granted = tables(auto.blocks)
      .find((t) => t.rows.some((r) => r[0].text === '（一）予以公开'))!
      .rows.find((r) => r[0].text === '（一）予以公开')!;
    expect(granted.map((c) => c.text)).toEqual(['（一）予以公开', '13', '1', '', '0', '0', '0', '14']);
    expect((analyse(auto) as any).table3.granted.research).toBeNull();
  });

  it('what makes a table complete from text positions (complete.ts)', async () => {
    const doc = await readPdf(reportPdf(), source('r.pdf'), { rulings: false });
    const [t2, t3, t4] = tables(doc.blocks);
    const positional = (kind: StandardTable, table: Table) => ({ kind, page: 1, y0: 0, table, items: [] });
    const complete = (kind: StandardTable, table: Table) => completeTables([positional(kind, table)]).has(kind);
    const edit = (t: Table, f: (rows: PdfCell[][]) => void) => {
      const copy = structuredClone(t);
      f(copy.rows);
      return copy;
    };
    const row3 = (rows: PdfCell[][], label: string) => rows.find((r) => r[0].text === label)!;
    expect(complete('table2', t2) && complete('table3', t3) && complete('table4', t4)).toBe(true);
    // 表三: a blank cell, two numbers in one cell, a row missing
    expect(complete('table3', edit(t3, (rows) => (row3(rows, '（一）予以公开')[3].text = '')))).toBe(false);
    expect(complete('table3', edit(t3, (rows) => (row3(rows, '（一）予以公开')[3].text = '3 12')))).toBe(false);
    expect(complete('table3', edit(t3, (rows) => rows.splice(rows.indexOf(row3(rows, '2.重复申请')), 1)))).toBe(false);
    // up to two garbled labels: recognition places those rows by position
    const garble = (n: number) => edit(t3, (rows) => ['（一）予以公开', '1.属于国家秘密', '2.重复申请'].slice(0, n).forEach((l) => (row3(rows, l)[0].text = '？？')));
    expect(complete('table3', garble(2))).toBe(true);
    expect(complete('table3', garble(3))).toBe(false);
    // 表二: a row the template does not have, a number short; 表四: a number short
    expect(complete('table2', edit(t2, (rows) => rows.push([{ text: '其他文件', loc: rows[0][0].loc }, { text: '1', loc: rows[0][0].loc }, { text: '', loc: rows[0][0].loc }, { text: '', loc: rows[0][0].loc }])))).toBe(false);
    expect(complete('table2', edit(t2, (rows) => (rows.find((r) => r[0].text === '规章')![2].text = '')))).toBe(false);
    expect(complete('table4', edit(t4, (rows) => (rows[rows.length - 1][15].text = '')))).toBe(false);
  });

  it('Kangxi radicals (⾏ U+2F8F, ⼈ U+2F08) are read as the ideographs 行 and 人', async () => {
    const pdf = writePdf([{ ops: [{ text: '⾏政复议和⾏政诉讼由⼈民政府办理，本报告说明政府信息公开工作情况。', x: 40, y: 700, size: 12, font: 'cjk' }] }]);
    const doc = await readPdf(pdf, source('k.pdf'));
    expect(doc.blocks).toEqual([{ kind: 'paragraph', text: '行政复议和行政诉讼由人民政府办理，本报告说明政府信息公开工作情况。', loc: { page: 1, x: 40, y: expect.any(Number) } }]);
  });

  it('Chinese text in a font without a ToUnicode map is decoded with the bundled CJK CMaps', async () => {
    const text = '洪泽区人民政府二〇二三年政府信息公开工作年度报告主动公开情况';
    const doc = await readPdf(writePdf([{ ops: [{ text, x: 40, y: 700, size: 12, font: 'gb' }] }]), source('gb.pdf'));
    expect(doc.blocks.map((b) => (b.kind === 'paragraph' ? b.text : ''))).toEqual([text]);
  });

  it('a PDF with only an owner password (no password to open) is read', async () => {
    const text = '本报告由淮安市人民政府办公室根据政府信息公开条例编制，统计期限自年初至年末。';
    const pdf = writePdf([{ ops: [{ text, x: 40, y: 700, size: 12, font: 'cjk' }] }], { encrypt: { user: '', owner: 'owner-secret' } });
    expect(pdf.includes('/Encrypt')).toBe(true);
    const doc = await readPdf(pdf, source('owner.pdf'));
    expect(doc.blocks.map((b) => (b.kind === 'paragraph' ? b.text : ''))).toEqual([text]);
  });
});
