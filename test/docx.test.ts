/**
 * The DOCX reader. Every DOCX fixture (LibreOffice conversions of the text and HTML fixtures,
 * and the blank national template) must come out exactly as its expected JSON and as its
 * text/HTML twin; hand-made packages pin down each WordprocessingML feature the reader
 * resolves (merges, content controls, tracked changes, fields, nested tables …) on the grid.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Block, SourceDocument, Table } from '../src/read/document.js';
import { readDocx } from '../src/read/docx.js';
import { parsePath } from '../src/pipeline.js';
import { docx, p, r, span, tbl, tc, tr, vContinue, vRestart } from './docx-builder.js';
import { diffExpected, fixtureCases, FIXTURES } from './helpers.js';

const source = { path: 'test.docx', format: 'docx' };
const read = (body: string, parts = {}) => readDocx(docx(body, parts), source);
const tables = (doc: SourceDocument) => doc.blocks.filter((b): b is Table => b.kind === 'table');
/** The grid as text, merged positions marked "^" + the origin's text. */
const grid = (t: Table) => t.rows.map((row) => row.map((c) => (c.spanned ? `^${c.text}` : c.text)));
const texts = (blocks: Block[]) => blocks.map((b) => (b.kind === 'paragraph' ? b.text : `[table ${b.rows.length}x${b.rows[0]?.length}]`));

const cases = fixtureCases((f) => f.includes(`${join('fixtures', 'docx')}`) && f.endsWith('.docx'));

describe('DOCX fixtures', () => {
  it('has the fixtures', () => {
    expect(cases.map((c) => c.name).sort()).toEqual([
      '000_c47e9c5f12649720.docx',
      '001_f41306fad5832fd5.docx',
      '002_78d436c7c7a06db1.docx',
      '003_b7d93dd1867ccdfc.docx',
      '004_2e038facf9d8feda.docx',
      'blank-template-2021.docx',
      'pingtan-2011.docx',
      'pingtan-2019.docx',
      'pingtan-2021.docx',
      'pingtan-county-2012.docx',
    ]);
  });
  for (const c of cases) {
    it(`${c.name} comes out as expected`, async () => {
      const out: any = await parsePath(c.source);
      expect(out.error).toBeUndefined();
      expect(out.source.format).toBe('docx');
      expect(diffExpected(out, c.expected)).toEqual([]);
    });
  }

  // the same report as text or HTML must give the same model, not only the values the fixture lists
  const twins: [string, string][] = [
    ['000_c47e9c5f12649720.docx', 'seeds/000_c47e9c5f12649720.txt'],
    ['001_f41306fad5832fd5.docx', 'seeds/001_f41306fad5832fd5.txt'],
    ['002_78d436c7c7a06db1.docx', 'seeds/002_78d436c7c7a06db1.txt'],
    ['003_b7d93dd1867ccdfc.docx', 'seeds/003_b7d93dd1867ccdfc.txt'],
    ['004_2e038facf9d8feda.docx', 'seeds/004_2e038facf9d8feda.txt'],
    ['pingtan-2011.docx', 'real/pingtan-2011.html'],
    ['pingtan-2019.docx', 'real/pingtan-2019.html'],
    ['pingtan-2021.docx', 'real/pingtan-2021.html'],
    ['pingtan-county-2012.docx', 'real/pingtan-county-2012.html'],
  ];
  for (const [docxName, twin] of twins) {
    it(`${docxName} reads like ${twin}`, async () => {
      const a: any = await parsePath(join(FIXTURES, 'docx', docxName));
      const b: any = await parsePath(join(FIXTURES, twin));
      for (const key of ['table2', 'table3', 'table4', 'legacy']) expect(a[key], key).toEqual(b[key]);
      expect(a.meta.year).toBe(b.meta.year);
      expect(a.meta.template).toBe(b.meta.template);
      expect(a.sections.map((s: any) => s.key)).toEqual(b.sections.map((s: any) => s.key));
    });
  }

  it('reads the blank national template as blanks (null, never 0) with its merged cells', async () => {
    const doc = await readDocx(readFileSync(join(FIXTURES, 'docx', 'blank-template-2021.docx')), source);
    const [t2, t3, t4] = tables(doc);
    expect(tables(doc)).toHaveLength(3);
    expect(grid(t2)[0]).toEqual(['第二十条第（一）项', '^第二十条第（一）项', '^第二十条第（一）项', '^第二十条第（一）项']);
    expect(grid(t2)[3]).toEqual(['行政规范性文件', '', '', '']);
    // 表三: 28 rows × (3 label + 7 value) columns; 三、本年度办理结果 spans the 22 result rows
    expect(t3.rows).toHaveLength(28);
    expect(t3.rows.every((row) => row.length === 10)).toBe(true);
    expect(t3.rows[5][0]).toMatchObject({ text: '三、本年度办理结果', rowSpan: 22 });
    expect(t3.rows[26][0]).toMatchObject({ text: '三、本年度办理结果', spanned: true });
    expect(t3.rows[7][1]).toMatchObject({ text: '（三）不予公开', rowSpan: 8 });
    expect(grid(t3)[2].slice(3)).toEqual(['^自然人', '商业\n企业', '科研\n机构', '社会公益组织', '法律服务机构', '其他', '^总计']);
    expect(t3.rows[3][3]).toMatchObject({ text: '', loc: { table: 1, row: 3, column: 3 } });
    expect(grid(t4)[3]).toEqual(Array(15).fill(''));
    const out: any = await parsePath(join(FIXTURES, 'docx', 'blank-template-2021.docx'));
    const values = [out.table2, out.table3, out.table4].flatMap((t) => Object.values(t).flatMap((row: any) => Object.values(row)));
    expect(values).toHaveLength(10 + 175 + 15);
    expect(values.every((v) => v === null)).toBe(true);
  });

  it('takes the title from the core properties', async () => {
    const doc = await readDocx(readFileSync(join(FIXTURES, 'docx', 'pingtan-2021.docx')), source);
    expect(doc.metaHints.propertiesTitle).toBe('平潭综合实验区2021年度政府信息公开工作年度报告_政府信息公开年报_平潭综合实验区党工委管委会');
    expect((await read(p('x'), { title: '某某局2022年政府信息公开工作年度报告' })).metaHints.propertiesTitle).toBe('某某局2022年政府信息公开工作年度报告');
    expect((await read(p('x'))).metaHints.propertiesTitle).toBeUndefined();
  });

  it('reads tabbed paragraphs (a text export pasted into Word) as tables', async () => {
    const doc = await readDocx(readFileSync(join(FIXTURES, 'docx', '003_b7d93dd1867ccdfc.docx')), source);
    expect(tables(doc).length).toBeGreaterThanOrEqual(3);
    const t3 = tables(doc).find((t) => t.rows.some((row) => row.some((c) => c.text.includes('本年新收政府信息公开申请数量'))))!;
    const row = t3.rows.find((cells) => cells[0].text.includes('本年新收政府信息公开申请数量'))!;
    expect(row.length).toBeGreaterThan(7);
    expect(row[0].loc.paragraph).toBeGreaterThan(0);
  });
});

describe('DOCX tables', () => {
  it('w:gridSpan spans columns', async () => {
    const doc = await read(tbl(tr(tc('A', span(2)) + tc('B')) + tr(tc('C') + tc('D') + tc('E'))));
    const [t] = tables(doc);
    expect(grid(t)).toEqual([
      ['A', '^A', 'B'],
      ['C', 'D', 'E'],
    ]);
    expect(t.rows[0][0].colSpan).toBe(2);
    expect(t.structure).toBe('grid');
  });

  it('w:vMerge restart/continue becomes a rowSpan', async () => {
    const doc = await read(
      tbl(
        tr(tc('三、本年度办理结果', vRestart) + tc('（一）予以公开') + tc('27')) +
          tr(tc('', vContinue) + tc('（二）部分公开') + tc('5')) +
          tr(tc('', '<w:vMerge w:val="continue"/>') + tc('（三）不予公开') + tc('1')) +
          tr(tc('四、结转下年度继续办理') + tc('') + tc('1')),
      ),
    );
    const [t] = tables(doc);
    expect(grid(t)).toEqual([
      ['三、本年度办理结果', '（一）予以公开', '27'],
      ['^三、本年度办理结果', '（二）部分公开', '5'],
      ['^三、本年度办理结果', '（三）不予公开', '1'],
      ['四、结转下年度继续办理', '', '1'],
    ]);
    expect(t.rows[0][0].rowSpan).toBe(3);
    expect(t.rows[2][2].loc).toMatchObject({ table: 0, row: 2, column: 2 });
  });

  it('w:vMerge together with w:gridSpan, and a continuation that does not line up stays a cell', async () => {
    const doc = await read(
      tbl(
        tr(tc('head', span(2) + vRestart) + tc('x')) +
          tr(tc('', span(2) + vContinue) + tc('y')) +
          tr(tc('', vContinue) + tc('a') + tc('b')),
      ),
    );
    expect(grid(tables(doc)[0])).toEqual([
      ['head', '^head', 'x'],
      ['^head', '^head', 'y'],
      ['', 'a', 'b'],
    ]);
  });

  it('w:gridBefore/w:gridAfter leave empty positions and keep the columns aligned', async () => {
    const doc = await read(
      tbl(
        tr(tc('行政复议', span(2)) + tc('行政诉讼')) +
          tr(tc('维持') + tc('纠正') + tc('起诉')) +
          tr(tc('7') + tc('8'), '<w:gridBefore w:val="1"/>') +
          tr(tc('9'), '<w:gridAfter w:val="2"/>'),
      ),
    );
    expect(grid(tables(doc)[0])).toEqual([
      ['行政复议', '^行政复议', '行政诉讼'],
      ['维持', '纠正', '起诉'],
      ['', '7', '8'],
      ['9', '', ''],
    ]);
  });

  it('legacy w:hMerge merges horizontally', async () => {
    const doc = await read(tbl(tr(tc('A', '<w:hMerge w:val="restart"/>') + tc('', '<w:hMerge/>') + tc('B')) + tr(tc('1') + tc('2') + tc('3'))));
    expect(grid(tables(doc)[0])).toEqual([
      ['A', '^A', 'B'],
      ['1', '2', '3'],
    ]);
  });

  it('joins the paragraphs of a cell with line breaks and drops empty ones', async () => {
    const doc = await read(tbl(tr(tc(p('商业') + p('') + p('企业')) + tc(`<w:p><w:r><w:t>结果</w:t><w:br/><w:t>维持</w:t></w:r></w:p>`))));
    expect(grid(tables(doc)[0])).toEqual([['商业\n企业', '结果\n维持']]);
  });

  it('a table inside a table is layout: the outer cells become blocks, the inner table stays a grid', async () => {
    const inner = tbl(tr(tc('规章') + tc('0')) + tr(tc('行政规范性文件') + tc('69')));
    const doc = await read(p('标题') + tbl(tr(tc(p('左栏') + inner + p('注：单位为件')) + tc('右栏'))) + p('结尾'));
    expect(texts(doc.blocks)).toEqual(['标题', '左栏', '[table 2x2]', '注：单位为件', '右栏', '结尾']);
    const t = tables(doc)[0];
    expect(grid(t)).toEqual([
      ['规章', '0'],
      ['行政规范性文件', '69'],
    ]);
    // tables are numbered in document order, the layout table included
    expect(t.loc).toEqual({ table: 1 });
    expect(t.rows[1][1].loc).toMatchObject({ table: 1, row: 1, column: 1 });
  });

  it('content controls at block, row, cell and run level are transparent', async () => {
    const sdt = (content: string) => `<w:sdt><w:sdtPr><w:alias w:val="x"/></w:sdtPr><w:sdtContent>${content}</w:sdtContent></w:sdt>`;
    const doc = await read(
      sdt(p('块级')) +
        tbl(
          tr(tc('信息内容') + sdt(tc('本年制发件数'))) +
            sdt(tr(tc('规章') + tc(`<w:p>${sdt(r('1'))}${r('2')}</w:p>`))) +
            tr(tc('行政规范性文件') + tc(`<w:p>${sdt(r('3'))}</w:p>`)),
        ),
    );
    expect(texts(doc.blocks)).toEqual(['块级', '[table 3x2]']);
    expect(grid(tables(doc)[0])).toEqual([
      ['信息内容', '本年制发件数'],
      ['规章', '12'],
      ['行政规范性文件', '3'],
    ]);
  });

  it('a content control still showing its placeholder counts as empty', async () => {
    const placeholder = `<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>${r('单击或点击此处输入文字。')}</w:sdtContent></w:sdt>`;
    const doc = await read(tbl(tr(tc('规章') + tc(`<w:p>${placeholder}</w:p>`) + tc('5'))));
    expect(grid(tables(doc)[0])).toEqual([['规章', '', '5']]);
  });

  it('tracked changes: the accepted text (insertions and moves kept, deletions dropped)', async () => {
    const ins = (t: string) => `<w:ins w:id="1" w:author="a" w:date="2022-01-01T00:00:00Z">${r(t)}</w:ins>`;
    const del = (t: string) => `<w:del w:id="2" w:author="a" w:date="2022-01-01T00:00:00Z"><w:r><w:delText>${t}</w:delText></w:r></w:del>`;
    const moveFrom = (t: string) => `<w:moveFrom w:id="3" w:author="a">${r(t)}</w:moveFrom>`;
    const moveTo = (t: string) => `<w:moveTo w:id="4" w:author="a">${r(t)}</w:moveTo>`;
    const doc = await read(
      `<w:p>${r('共收到申请')}${del('99')}${ins('12')}${r('件')}${moveFrom('（旧）')}</w:p>` +
        tbl(
          tr(tc('自然人') + tc(`<w:p>${del('8')}${ins('6')}${moveTo('4')}</w:p>`)) +
            tr(tc('删除的行') + tc('100'), '<w:del w:id="5" w:author="a"/>') +
            // the old properties in w:tcPrChange must not override the current gridSpan
            tr(tc('总计', '<w:tcPrChange w:id="6" w:author="a"><w:tcPr><w:gridSpan w:val="2"/></w:tcPr></w:tcPrChange>') + tc('64')),
        ),
    );
    expect(texts(doc.blocks)).toEqual(['共收到申请12件', '[table 2x2]']);
    expect(grid(tables(doc)[0])).toEqual([
      ['自然人', '64'],
      ['总计', '64'],
    ]);
  });

  it('a deleted paragraph mark joins the paragraph to the next one', async () => {
    const doc = await read(`<w:p><w:pPr><w:rPr><w:del w:id="1" w:author="a"/></w:rPr></w:pPr>${r('2021年度政府信息')}</w:p>${p('公开工作年度报告')}${p('正文')}`);
    expect(texts(doc.blocks)).toEqual(['2021年度政府信息公开工作年度报告', '正文']);
    expect(doc.blocks[0].loc).toEqual({ paragraph: 0 });
  });

  it('a number split across runs, bookmarks and proofing marks is one number', async () => {
    const cell = `<w:p>${r('1')}<w:proofErr w:type="spellStart"/><w:bookmarkStart w:id="0" w:name="a"/>${r('2')}<w:bookmarkEnd w:id="0"/><w:r><w:rPr><w:b/></w:rPr><w:t>3</w:t></w:r><w:r><w:t>4</w:t></w:r></w:p>`;
    const doc = await read(tbl(tr(tc('行政许可') + tc(cell))));
    expect(grid(tables(doc)[0])).toEqual([['行政许可', '1234']]);
  });

  it('fields: the result is read, the instruction skipped (complex, nested and simple fields)', async () => {
    const fld = (type: string) => `<w:r><w:fldChar w:fldCharType="${type}"/></w:r>`;
    const instr = (t: string) => `<w:r><w:instrText xml:space="preserve">${t}</w:instrText></w:r>`;
    const doc = await read(
      `<w:p>${r('合计')}${fld('begin')}${instr(' = SUM(ABOVE) ')}${fld('separate')}${r('70')}${fld('end')}${r('件')}</w:p>` +
        `<w:p>${fld('begin')}${instr(' IF ')}${fld('begin')}${instr(' MERGEFIELD x ')}${fld('separate')}${r('«x»')}${fld('end')}${instr(' = 1 "a" "b" ')}${fld('separate')}${r('a')}${fld('end')}</w:p>` +
        `<w:p><w:fldSimple w:instr=" PAGE ">${r('3')}</w:fldSimple></w:p>`,
    );
    expect(texts(doc.blocks)).toEqual(['合计70件', 'a', '3']);
  });

  it('tabs, breaks, symbols and non-breaking hyphens inside runs; tab stops in the paragraph properties are not text', async () => {
    const doc = await read(
      `<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr><w:r><w:t>A</w:t><w:tab/><w:t>B</w:t><w:noBreakHyphen/><w:t>C</w:t><w:sym w:font="Symbol" w:char="F02B"/><w:sym w:font="Wingdings" w:char="2714"/></w:r></w:p>` +
        `<w:p><w:r><w:t>第一行</w:t><w:br/><w:t>第二行</w:t><w:cr/><w:t>第三行</w:t></w:r></w:p>`,
    );
    expect(texts(doc.blocks)).toEqual(['A\tB-C+✔', '第一行', '第二行', '第三行']);
  });

  it('mc:AlternateContent: a text box is read once (the first choice, not the fallback)', async () => {
    const box = (t: string) => `<w:txbxContent>${p(t)}</w:txbxContent>`;
    const doc = await read(
      `<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wps:wsp><wps:txbx>${box('文本框')}</wps:txbx></wps:wsp></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>${box('文本框')}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>${r('正文')}</w:p>`,
    );
    expect(texts(doc.blocks)).toEqual(['文本框', '正文']);
  });

  it('locations: paragraphs by document-order index, cells by table, row, column and paragraph', async () => {
    const doc = await read(p('一') + p('') + tbl(tr(tc('a') + tc('b', span(2))) + tr(tc('c') + tc('d') + tc('e'))) + p('二'));
    expect(doc.blocks[0].loc).toEqual({ paragraph: 0 });
    const t = tables(doc)[0];
    expect(t.rows[0][1].loc).toEqual({ table: 0, paragraph: 3, row: 0, column: 1 });
    expect(t.rows[0][2]).toMatchObject({ spanned: true, loc: { table: 0, paragraph: 3, row: 0, column: 2 } });
    expect(t.rows[1][2].loc).toEqual({ table: 0, paragraph: 6, row: 1, column: 2 });
    expect(doc.blocks[2].loc).toEqual({ paragraph: 7 });
  });

  it('prose and signature lines indented with tabs stay paragraphs; tab-indented short cells become a table', async () => {
    const doc = await read(
      p('\t一、总体情况') +
        p('\t2021年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，主动公开政府信息。') +
        p('\t\t\t\t某某县交通运输局') +
        p('\t\t\t\t2022年1月20日') +
        p('') +
        p('\t行政复议') +
        p('\t行政诉讼') +
        p('') +
        p('\t结果维持') +
        p('\t结果纠正'),
    );
    expect(texts(doc.blocks)).toEqual([
      '一、总体情况',
      '2021年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，主动公开政府信息。',
      '某某县交通运输局',
      '2022年1月20日',
      '[table 2x2]',
    ]);
    expect(grid(tables(doc)[0])).toEqual([
      ['行政复议', '行政诉讼'],
      ['结果维持', '结果纠正'],
    ]);
  });

  it('reads only the main document: headers, footers and comments are left out', async () => {
    const hdr = (tag: string, text: string) => `<?xml version="1.0"?><w:${tag} xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${p(text)}</w:${tag}>`;
    const doc = await read(`<w:p>${r('正文')}<w:commentRangeStart w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>`, {
      extra: { 'word/header1.xml': hdr('hdr', '页眉文字'), 'word/footer1.xml': hdr('ftr', '第1页'), 'word/comments.xml': hdr('comments', '批注文字') },
    });
    expect(texts(doc.blocks)).toEqual(['正文']);
  });

  it('reads Strict OOXML and a document that uses a default namespace instead of the w: prefix', async () => {
    const strict = 'http://purl.oclc.org/ooxml/wordprocessingml/main';
    const doc = await read('', {
      documentXml: `<?xml version="1.0"?><document xmlns="${strict}"><body><p><r><t>默认命名空间</t></r></p><tbl><tr><tc><p><r><t>1</t></r></p></tc><tc><tcPr><gridSpan val="2"/></tcPr><p><r><t>2</t></r></p></tc></tr></tbl></body></document>`,
    });
    expect(texts(doc.blocks)).toEqual(['默认命名空间', '[table 1x3]']);
    expect(grid(tables(doc)[0])).toEqual([['1', '2', '^2']]);
  });

  it('a document.xml cut short keeps what was complete, open paragraphs and cells included', async () => {
    const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
    const whole = `<w:document xmlns:w="${W_NS}"><w:body>${p('标题')}${tbl(tr(tc('规章') + tc('3')) + tr(tc('行政许可') + tc('12')))}</w:body></w:document>`;
    const cut = whole.slice(0, whole.indexOf('12') + 2);
    const doc = await read('', { documentXml: cut });
    expect(texts(doc.blocks)).toEqual(['标题', '[table 2x2]']);
    expect(grid(tables(doc)[0])).toEqual([
      ['规章', '3'],
      ['行政许可', '12'],
    ]);
  });

  it('a synthetic 2021 report built with these features parses to the right values', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-docx-test-'));
    const file = join(dir, 'report.docx');
    writeFileSync(file, docx(syntheticReport(), { title: '某某县交通运输局2022年政府信息公开工作年度报告' }));
    const out: any = await parsePath(file);
    rmSync(dir, { recursive: true, force: true });
    expect(out.error).toBeUndefined();
    expect(out.meta).toMatchObject({ year: 2022, template: '2021', agency: '某某县交通运输局' });
    expect(out.table2.normativeDocuments).toEqual({ issued: 12, repealed: 3, inForce: 120 });
    expect(out.table2.licensing.decisions).toBe(1234);
    expect(out.table2.fees.amount).toBeNull();
    expect(out.table3.newReceived).toEqual({ naturalPerson: 64, commercial: 0, research: 0, publicInterest: 2, legalService: 0, otherOrganization: 4, total: 70 });
    expect(out.table3.granted.naturalPerson).toBe(63);
    expect(out.table3.resultsTotal.total).toBe(70);
    expect(out.table4.reconsideration).toEqual({ upheld: 1, corrected: 0, other: 2, pending: 0, total: 3 });
    expect(out.findings.filter((f: any) => f.severity === 'error')).toEqual([]);
  });
});

/**
 * A whole 2021-format report whose tables use vMerge, gridSpan, a content control, a tracked
 * change, split runs and a field result for their values.
 */
function syntheticReport(): string {
  const cells = (values: number[]) => values.map((v) => tc(String(v))).join('');
  const zeros = [0, 0, 0, 0, 0, 0, 0];
  const t2 = tbl(
    tr(tc('第二十条第（一）项', span(4))) +
      tr(tc('信息内容') + tc('本年制发件数') + tc('本年废止件数') + tc('现行有效件数')) +
      tr(tc('规章') + cells([0, 0, 0])) +
      tr(
        tc('行政规范性文件') +
          tc(`<w:p>${r('1')}${r('2')}</w:p>`) +
          tc(`<w:p><w:del w:id="1" w:author="a"><w:r><w:delText>4</w:delText></w:r></w:del><w:ins w:id="2" w:author="a">${r('3')}</w:ins></w:p>`) +
          tc('120'),
      ) +
      tr(tc('第二十条第（五）项', span(4))) +
      tr(tc('信息内容') + tc('本年处理决定数量', span(3))) +
      tr(tc('行政许可') + tc(`<w:p><w:sdt><w:sdtPr/><w:sdtContent>${r('12')}</w:sdtContent></w:sdt>${r('34')}</w:p>`, span(3))) +
      tr(tc('第二十条第（六）项', span(4))) +
      tr(tc('信息内容') + tc('本年处理决定数量', span(3))) +
      tr(tc('行政处罚') + tc('5', span(3))) +
      tr(tc('行政强制') + tc('0', span(3))) +
      tr(tc('第二十条第（八）项', span(4))) +
      tr(tc('信息内容') + tc('本年收费金额（单位：万元）', span(3))) +
      tr(tc('行政事业性收费') + tc('', span(3))),
  );
  // rows under 三、本年度办理结果: the level-1 label continues, a group label starts or continues
  const group = (name: string, leaves: string[], values: (i: number) => number[]) =>
    leaves.map((leafLabel, i) => tr(tc('', vContinue) + (i === 0 ? tc(name, vRestart) : tc('', vContinue)) + tc(leafLabel) + cells(values(i)))).join('');
  const t3 = tbl(
    tr(tc('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', span(3) + vRestart) + tc('申请人情况', span(7))) +
      tr(tc('', span(3) + vContinue) + tc('自然人', vRestart) + tc('法人或其他组织', span(5)) + tc('总计', vRestart)) +
      tr(tc('', span(3) + vContinue) + tc('', vContinue) + tc('商业企业') + tc('科研机构') + tc('社会公益组织') + tc('法律服务机构') + tc('其他') + tc('', vContinue)) +
      tr(tc('一、本年新收政府信息公开申请数量', span(3)) + cells([64, 0, 0, 2, 0, 4, 70])) +
      tr(tc('二、上年结转政府信息公开申请数量', span(3)) + cells(zeros)) +
      tr(tc('三、本年度办理结果', vRestart) + tc('（一）予以公开', span(2)) + cells([63, 0, 0, 2, 0, 4, 69])) +
      tr(tc('', vContinue) + tc('（二）部分公开（区分处理的，只计这一情形，不计其他情形）', span(2)) + cells(zeros)) +
      group(
        '（三）不予公开',
        ['1.属于国家秘密', '2.其他法律行政法规禁止公开', '3.危及“三安全一稳定”', '4.保护第三方合法权益', '5.属于三类内部事务信息', '6.属于四类过程性信息', '7.属于行政执法案卷', '8.属于行政查询事项'],
        (i) => (i === 7 ? [1, 0, 0, 0, 0, 0, 1] : zeros),
      ) +
      group('（四）无法提供', ['1.本机关不掌握相关政府信息', '2.没有现成信息需要另行制作', '3.补正后申请内容仍不明确'], () => zeros) +
      group('（五）不予处理', ['1.信访举报投诉类申请', '2.重复申请', '3.要求提供公开出版物', '4.无正当理由大量反复申请', '5.要求行政机关确认或重新出具已获取信息'], () => zeros) +
      group(
        '（六）其他处理',
        ['1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', '3.其他'],
        () => zeros,
      ) +
      tr(tc('', vContinue) + tc('（七）总计', span(2)) + cells([64, 0, 0, 2, 0, 4, 70])) +
      tr(tc('四、结转下年度继续办理', span(3)) + cells(zeros)),
  );
  const fld = (type: string) => `<w:r><w:fldChar w:fldCharType="${type}"/></w:r>`;
  const labels = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
  const t4 = tbl(
    tr(tc('行政复议', span(5)) + tc('行政诉讼', span(10))) +
      tr(labels.map((l) => tc(l, vRestart)).join('') + tc('未经复议直接起诉', span(5)) + tc('复议后起诉', span(5))) +
      tr(labels.map(() => tc('', vContinue)).join('') + [...labels, ...labels].map((l) => tc(l)).join('')) +
      tr(cells([1, 0, 2, 0]) + tc(`<w:p>${fld('begin')}<w:r><w:instrText> =SUM(LEFT) </w:instrText></w:r>${fld('separate')}${r('3')}${fld('end')}</w:p>`) + cells(Array(10).fill(0))),
  );
  return [
    p('某某县交通运输局2022年政府信息公开工作年度报告'),
    p('一、总体情况'),
    p('2022年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，全年共收到政府信息公开申请70件。'),
    p('二、主动公开政府信息情况'),
    t2,
    p('三、收到和处理政府信息公开申请情况'),
    t3,
    p('四、政府信息公开行政复议、行政诉讼情况'),
    t4,
    p('五、存在的主要问题及改进情况'),
    p('政策解读形式不够丰富。'),
    p('六、其他需要报告的事项'),
    p('本年度未收取信息处理费。'),
    p('某某县交通运输局'),
    p('2023年1月16日'),
  ].join('');
}
