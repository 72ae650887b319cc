/**
 * Every rule of the catalogue with its table of valid and invalid cases: real fixtures, and the
 * same fixtures with one printed number (or date, or phrase) changed.
 */
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/check/rules/index.js';
import { ruleTable } from './rule-tester.js';

const S000 = 'seeds/000_c47e9c5f12649720.txt'; // 2020, 2019 format, all zeros, department
const S001 = 'seeds/001_f41306fad5832fd5.txt'; // 2021, tab rows, no named body
const S002 = 'seeds/002_78d436c7c7a06db1.txt'; // 2020 report still on the 2014 statistics table
const S003 = 'seeds/003_b7d93dd1867ccdfc.txt'; // 2020, "增3"
const S004 = 'seeds/004_2e038facf9d8feda.txt'; // 2023, missing labels, date typo
const HUAIAN = 'real/huaian-2024.layout.txt'; // 2024 city government, real numbers
const HONGZE23 = 'real/hongze-2023.layout.txt'; // 表四 totals really wrong
const HONGZE24 = 'real/hongze-2024.layout.txt';
const P2019 = 'real/pingtan-2019.html';
const P2021 = 'real/pingtan-2021.html';
const COUNTY = 'real/pingtan-county-2012.html';
const P2011 = 'real/pingtan-2011.html';

ruleTable('T3_BALANCE', {
  valid: [
    { name: 'real figures that balance (淮安 2024)', fixture: HUAIAN },
    { name: 'an all-zero table', fixture: S000 },
  ],
  invalid: [
    {
      name: '一 changed in one column',
      fixture: HUAIAN,
      cells: { 'table3.newReceived.commercial': '54' },
      findings: [{ severity: 'error', expected: 54, actual: 53, message: /商业企业列：一\(54\) \+ 二\(0\) = 54 ≠ （七）总计\(53\) \+ 四\(0\) = 53/ }],
    },
    {
      name: 'a blank operand: not assessable, a warning',
      fixture: S000,
      cells: { 'table3.carriedForward.total': '' },
      findings: [{ severity: 'warning', assessable: false, message: /总计列有空白单元格/ }],
    },
  ],
});

ruleTable('T3_RESULTS_SUM', {
  valid: [{ name: 'real figures', fixture: HUAIAN }],
  invalid: [
    {
      name: 'an outcome row changed',
      fixture: HUAIAN,
      cells: { 'table3.granted.naturalPerson': '1289' },
      findings: [{ severity: 'error', expected: 2933, actual: 2932, paths: ['table3.resultsTotal.naturalPerson', 'table3.granted.naturalPerson'] }],
    },
  ],
});

ruleTable('T3_ROW_SUM', {
  valid: [{ name: 'real figures', fixture: HUAIAN }, { name: '2019 format', fixture: S000 }],
  invalid: [
    {
      name: 'a row total changed',
      fixture: HUAIAN,
      cells: { 'table3.denied.administrativeQuery.total': '106' },
      findings: [{ severity: 'error', expected: 105, actual: 106, message: /8\.属于行政查询事项/ }],
    },
    {
      name: 'a blank total: not assessable',
      fixture: S000,
      cells: { 'table3.granted.total': '' },
      findings: [{ severity: 'warning', assessable: false, message: /总计列未填/ }],
    },
  ],
});

ruleTable('T4_BLOCK_SUM', {
  valid: [{ name: 'real figures', fixture: HUAIAN }, { name: 'hongze 2024', fixture: HONGZE24 }],
  invalid: [
    {
      name: 'a real report whose totals are wrong (洪泽区 2023)',
      fixture: HONGZE23,
      findings: [
        { severity: 'error', expected: 11, actual: 0, message: /行政复议/ },
        { severity: 'error', expected: 5, actual: 0, message: /复议后起诉/ },
      ],
    },
    {
      name: 'one outcome changed',
      fixture: HUAIAN,
      replace: [[/\b72(\s+64\s+178)/, '73$1']],
      findings: [{ severity: 'error', expected: 352, actual: 351 }],
    },
  ],
});

ruleTable('LEGACY_SUM', {
  valid: [
    { name: 'the 2014 table (南关区)', fixture: S002 },
    { name: 'a local table whose channels include ones the template lacks (电子邮件申请数)', fixture: COUNTY },
  ],
  invalid: [
    {
      name: 'a channel changed',
      fixture: COUNTY,
      replace: [[/(当面申请数[\s\S]*?>)18</, '$117<']],
      findings: [{ severity: 'warning', expected: 20, actual: 21, message: /收到申请数/ }],
    },
    {
      name: 'staff ≠ full-time + part-time',
      fixture: S002,
      replace: [['2.兼职人员数 |\n人 |\n1 |', '2.兼职人员数 |\n人 |\n2 |']],
      findings: [{ severity: 'warning', expected: 2, actual: 1 }],
    },
  ],
});

ruleTable('CELL_BLANK', {
  valid: [{ name: 'every cell filled', fixture: S000 }],
  invalid: [
    {
      name: 'two blank cells in one row',
      fixture: S000,
      cells: { 'table2.penalty.previousItems': '', 'table2.penalty.decisions': '—' },
      findings: [{ severity: 'warning', paths: ['table2.penalty.previousItems', 'table2.penalty.decisions'] }],
    },
  ],
});

ruleTable('CELL_NORMALISED', {
  valid: [{ name: 'plain numbers', fixture: S000 }],
  invalid: [
    { name: '"增3" (黎平县 2020)', fixture: S003, findings: [{ severity: 'info', paths: ['table2.penalty.change'], message: /“增3”读作 3/ }] },
    {
      name: 'thousands separators and full-width digits',
      fixture: S000,
      cells: { 'table2.licensing.decisions': '2,256', 'table2.otherServices.decisions': '２４３６' },
      findings: [{ message: /2,256/ }, { message: /２４３６/ }],
    },
  ],
});

ruleTable('CELL_INVALID', {
  valid: [{ name: 'a negative change in 本年增/减 is allowed', fixture: S000 }],
  invalid: [
    {
      name: 'text, a negative count and a fractional count',
      fixture: S000,
      cells: { 'table3.newReceived.naturalPerson': '若干', 'table2.licensing.decisions': '-5', 'table2.otherServices.decisions': '2.5' },
      findings: [{ severity: 'error', message: /不应为负数/ }, { severity: 'error', message: /件数不应有小数/ }, { severity: 'error', message: /“若干”不是数字/ }],
    },
  ],
});

ruleTable('ROW_LABEL_MISSING', {
  valid: [{ name: 'every row labelled', fixture: S000 }],
  invalid: [
    {
      name: 'two rows without labels (乌拉特中旗 2023)',
      fixture: S004,
      findings: [
        { severity: 'warning', message: /1\.属于国家秘密 by position/ },
        { severity: 'warning', message: /2\.其他法律行政法规禁止公开 by position/ },
      ],
    },
    {
      name: 'a label removed from a labelled table',
      fixture: S000,
      replace: [['\t4.保护第三方合法权益\n', '\t\n']],
      findings: [{ message: /4\.保护第三方合法权益 by position/ }],
    },
  ],
});

ruleTable('ROW_MISSING', {
  valid: [{ name: 'a complete table', fixture: S000 }],
  invalid: [
    {
      name: 'a row dropped from the table',
      fixture: S000,
      replace: [[/\t\n\t\n\t8\.属于行政查询事项\n(\t[^\n]*\n){7}\n/, '']],
      findings: [{ severity: 'warning', paths: ['table3.denied.administrativeQuery'] }],
    },
  ],
});

ruleTable('TABLE_RECONSTRUCTED', {
  valid: [{ name: 'values beside their labels', fixture: HUAIAN }],
  invalid: [{ name: 'pdftotext -raw, column-wise blocks (洪泽区 2023)', fixture: 'real/hongze-2023.raw.txt', findings: [{ severity: 'info', message: /column by column/ }] }],
});

ruleTable('CELL_INFERRED', {
  valid: [{ name: 'nothing to infer', fixture: S000 }],
  invalid: [
    {
      name: 'glued digits split by the totals (表三 rows, 表四)',
      fixture: 'real/pingtan-2021.glued.txt',
      findings: [{ message: /^表二 规章: the digits "000"/ }, ...new Array(25).fill({ severity: 'info', message: /^表三/ }), { message: /表四: the digits "10203120001200000"/ }],
    },
  ],
});

ruleTable('CELL_AMBIGUOUS', {
  valid: [{ name: 'glued 表三 fully decided by its totals', fixture: 'real/pingtan-2011.glued.txt' }],
  invalid: [{ name: 'glued 表二 digits with no totals to decide', fixture: 'real/pingtan-2021.glued.txt', findings: [{ severity: 'warning', paths: ['table2.normativeDocuments.issued'] }] }],
});

ruleTable('TABLE_MISSING', {
  valid: [{ name: 'all three tables', fixture: S000 }, { name: 'pre-2019 reports have no required tables', fixture: P2011 }],
  invalid: [
    {
      name: 'a 2020 report on the old statistics table (南关区)',
      fixture: S002,
      findings: [{ severity: 'error', paths: ['table2'] }, { severity: 'error', paths: ['table3'] }, { severity: 'error', paths: ['table4'] }],
    },
    {
      name: 'in 2019 the trial format was only encouraged: a warning',
      fixture: S002,
      replace: [['2020年政务信息', '2019年政务信息']],
      findings: new Array(3).fill({ severity: 'warning' }),
    },
  ],
});

ruleTable('SECTION_MISSING', {
  valid: [{ name: 'six parts', fixture: S000 }],
  invalid: [
    { name: 'no 其他需要报告的事项 (南关区)', fixture: S002, findings: [{ message: /六、其他需要报告的事项/ }] },
    { name: 'a heading removed', fixture: S000, replace: [['五、存在的主要问题及改进情况', '我委还存在以下不足']], findings: [{ severity: 'warning', message: /五、存在的主要问题及改进情况/ }] },
  ],
});

ruleTable('TEMPLATE_OUTDATED', {
  valid: [{ name: '2020 report on the 2019 format', fixture: S000 }, { name: '2024 report on the 2021 format', fixture: HUAIAN }],
  invalid: [
    { name: '2020 report on the 2014 statistics table', fixture: S002, findings: [{ severity: 'error' }] },
    { name: '2021 report on the 2019 format', fixture: S000, replace: [['工作2020年度报告', '工作2021年度报告']], findings: [{ severity: 'error', message: /2021 年度报告应采用2021 年格式/ }] },
    { name: '2021 表二 with the old single （六）其他处理 row', fixture: HONGZE24, findings: [{ severity: 'warning', paths: ['table3.otherHandling'] }] },
  ],
});

ruleTable('META_AGENCY_MISSING', {
  valid: [{ name: 'named in the title', fixture: S000 }, { name: 'expanded from 填报单位', fixture: S002 }],
  invalid: [{ name: '"卫健委" names no body', fixture: S001, findings: [{ severity: 'warning' }] }],
});

ruleTable('META_YEAR_MISSING', {
  valid: [{ name: 'year in the title', fixture: S000 }],
  invalid: [{ name: 'no year anywhere', fixture: S000, replace: [['工作2020年度报告', '工作年度报告'], ['2020年，我委', '本年，我委']], findings: [{ severity: 'warning' }] }],
});

ruleTable('DATE_BEFORE_PERIOD_END', {
  valid: [{ name: 'a date after the year', fixture: S004, replace: [['2023年1月9日', '2024年1月9日']] }],
  invalid: [{ name: 'a 2023 report dated 2023-01-09', fixture: S004, findings: [{ severity: 'error', message: /2023-01-09 早于统计期末 2023-12-31/ }] }],
});

ruleTable('DATE_AFTER_DEADLINE', {
  valid: [
    { name: 'a department before 31 January', fixture: S004, replace: [['2023年1月9日', '2024年1月9日']] },
    { name: 'a government before 31 March (pre-2019)', fixture: COUNTY },
  ],
  invalid: [
    { name: 'a department in February', fixture: S004, replace: [['2023年1月9日', '2024年2月9日']], findings: [{ severity: 'error', message: /晚于法定期限 2024-01-31（政府部门）/ }] },
    { name: 'a government in April (pre-2019: 31 March)', fixture: COUNTY, replace: [['年1月16日</span>', '年4月16日</span>']], findings: [{ severity: 'error', message: /2013-03-31/ }] },
  ],
});

ruleTable('NARRATIVE_TABLE_MISMATCH', {
  valid: [
    { name: 'prose and tables agree (淮安: 受理申请 3119 件, 行政复议 351 件, 行政诉讼 46 件)', fixture: HUAIAN },
    { name: 'a figure for a different scope is not compared (洪泽: 区政府办代表区政府受理…17 件)', fixture: HONGZE24 },
    { name: 'the parts of a government’s figure are not compared (县直各单位 2475 条)', fixture: COUNTY },
  ],
  invalid: [
    { name: '主动公开政府信息 382 条 vs 435 in the table (南关区)', fixture: S002, findings: [{ severity: 'warning', expected: 435, actual: 382 }] },
    { name: '行政处罚 21 家, 行政许可 782 家 vs 5 and 5 (seed 001)', fixture: S001, findings: [{ expected: 5, actual: 21 }, { expected: 5, actual: 782 }] },
    { name: 'a number in the prose changed (淮安 受理申请)', fixture: HUAIAN, replace: [['政府信息公开申请 3119 件', '政府信息公开申请 3120 件']], findings: [{ expected: 3119, actual: 3120, paths: ['table3.newReceived.total'] }] },
  ],
});

ruleTable('NARRATIVE_SUM_MISMATCH', {
  valid: [
    { name: 'parts that add up (淮安: 351 = 72 + 64 + 178 + 37)', fixture: HUAIAN },
    { name: 'parts that add up (平潭 2011: 1873 = 425 + 46 + 1402)', fixture: P2011 },
    { name: 'a partial "其中" list that need not add up', fixture: COUNTY, replace: [['不予公开信息数1854条', '不予公开信息数1000条']] },
  ],
  invalid: [
    { name: '65 + 370 ≠ 382 (南关区)', fixture: S002, findings: [{ expected: 435, actual: 382 }] },
    { name: 'a list with "其他" that does not add up (平潭 2019)', fixture: P2019, findings: [{ expected: 2533, actual: 2599 }] },
    { name: 'a near miss of a three-part list (平潭县 2012)', fixture: COUNTY, findings: [{ expected: 3926, actual: 3978 }] },
    { name: 'a part changed', fixture: HUAIAN, replace: [['结果纠正 64 件', '结果纠正 65 件']], findings: [{ expected: 352, actual: 351 }] },
  ],
});

ruleTable('T2_IN_FORCE_MIN', {
  valid: [{ name: 'in force ≥ issued − repealed', fixture: HUAIAN }],
  invalid: [{ name: 'in force below this year’s net new documents', fixture: HUAIAN, replace: [[/(行政规范性文件\s+8\s+)26(\s+)66/, '$10$2 6']], findings: [{ severity: 'info', expected: 8, actual: 6 }] }],
});

ruleTable('T2_PUBLISHED_TOTAL', {
  valid: [{ name: 'cumulative ≥ this year', fixture: S000 }],
  invalid: [{ name: 'cumulative below this year', fixture: S000, replace: [['\t规章\n\t0\n\t0\n\t0\n', '\t规章\n\t0\n\t4\n\t2\n']], findings: [{ severity: 'info', expected: 4, actual: 2 }] }],
});

describe('the catalogue', () => {
  it('every per-report rule has a table above', () => {
    const tested = ['T3_BALANCE', 'T3_RESULTS_SUM', 'T3_ROW_SUM', 'T4_BLOCK_SUM', 'LEGACY_SUM', 'CELL_BLANK', 'CELL_NORMALISED', 'CELL_INVALID', 'ROW_LABEL_MISSING', 'ROW_MISSING', 'TABLE_RECONSTRUCTED', 'CELL_INFERRED', 'CELL_AMBIGUOUS', 'TABLE_MISSING', 'SECTION_MISSING', 'TEMPLATE_OUTDATED', 'META_AGENCY_MISSING', 'META_YEAR_MISSING', 'DATE_BEFORE_PERIOD_END', 'DATE_AFTER_DEADLINE', 'NARRATIVE_TABLE_MISMATCH', 'NARRATIVE_SUM_MISMATCH', 'T2_IN_FORCE_MIN', 'T2_PUBLISHED_TOTAL'];
    expect(RULES.filter((r) => r.meta.scope === 'report').map((r) => r.meta.code).sort()).toEqual([...tested].sort());
  });
  it('every rule explains itself in Chinese and English and names its basis', () => {
    for (const r of RULES) {
      expect(r.meta.explanation.zh.length, r.meta.code).toBeGreaterThan(30);
      expect(r.meta.explanation.en.length, r.meta.code).toBeGreaterThan(30);
      expect(r.meta.basis, r.meta.code).toBeTruthy();
    }
  });
});
