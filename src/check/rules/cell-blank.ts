import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    code: 'CELL_BLANK',
    severity: 'warning',
    scope: 'report',
    basis: 'FORMAT.md §E.2 (blank cells are null, never 0)',
    title: { zh: '应填数字的单元格为空', en: 'A cell that should hold a number is blank' },
    explanation: {
      zh: '表格中应填数字的单元格为空白、“/”“-”等。gongkai 把它读作空值（null），不当作 0；以此为输入的核对规则无法判断。零应填写“0”。',
      en: 'A numeric cell is empty or holds a dash or slash. gongkai reads it as null — never as 0 — and the arithmetic rules that need it report that they could not be assessed. A zero should be printed as 0.',
    },
  },
  check({ report }, emit) {
    // one finding per printed row, listing its blank cells
    const byRow = new Map<string, { paths: string[]; raws: string[] }>();
    for (const c of report.cells) {
      if (c.value !== null || c.inferred) continue;
      if (c.path.startsWith('meta.')) continue;
      if (c.marker === 'text') continue; // text in a numeric cell is CELL_INVALID
      const row = c.path.replace(/\.[^.]+$/, '');
      const entry = byRow.get(row) ?? { paths: [], raws: [] };
      entry.paths.push(c.path);
      entry.raws.push(c.raw.trim());
      byRow.set(row, entry);
    }
    for (const [row, { paths, raws }] of byRow) {
      const cell = report.cells.find((c) => c.path === paths[0]);
      const shown = raws.filter(Boolean);
      emit({
        message: `${row}：${paths.length} 个单元格未填数字${shown.length ? `（${[...new Set(shown)].join('、')}）` : ''}：${paths.map((p) => p.slice(row.length + 1)).join(', ')}`,
        paths,
        loc: cell?.loc,
      });
    }
  },
});
