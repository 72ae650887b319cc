/** The text renderer: a rendered report parses back to the same tables and identity. */
import { describe, expect, it } from 'vitest';
import type { Report } from '../src/model/report.js';
import { parseBuffer, parsePath } from '../src/pipeline.js';
import { renderReportText } from '../src/render/report-text.js';
import { fixture } from './corpus-helpers.js';

const SOURCES = ['seeds/000_c47e9c5f12649720.txt', 'seeds/001_f41306fad5832fd5.txt', 'seeds/003_b7d93dd1867ccdfc.txt', 'seeds/004_2e038facf9d8feda.txt', 'real/pingtan-2019.html', 'real/pingtan-2021.html'];

const parse = async (data: string) => {
  const r = await parseBuffer(Buffer.from(data), 'rendered.txt');
  if ('error' in r) throw new Error(r.error.message);
  return r as Report;
};

describe('renderReportText', () => {
  for (const rel of SOURCES) {
    it(`${rel} → text → the same report`, async () => {
      const original = (await parsePath(fixture(rel))) as Report;
      const back = await parse(renderReportText(original));
      expect(back.table2).toEqual(original.table2);
      expect(back.table3).toEqual(original.table3);
      expect(back.table4).toEqual(original.table4);
      expect(back.meta).toMatchObject({ agency: original.meta.agency, year: original.meta.year, template: original.meta.template });
      const prose = (r: Report) => r.sections.filter((s) => ['overview', 'problems', 'other'].includes(s.key)).map((s) => s.key);
      expect(prose(back)).toEqual(prose(original));
      // the renderer's layout needs no interpretation: no reconstructed table, no label placed by position
      expect(back.findings.map((f) => f.code)).not.toContain('TABLE_RECONSTRUCTED');
      expect(back.findings.map((f) => f.code)).not.toContain('ROW_LABEL_MISSING');
    });
  }

  it('writes a blank cell as an empty cell that reads back as null, and the date', async () => {
    const original = (await parsePath(fixture('seeds/004_2e038facf9d8feda.txt'))) as Report;
    const table3 = structuredClone(original.table3!);
    table3.granted.commercial = null;
    const text = renderReportText({ ...original, table3, meta: { ...original.meta, date: '2024-01-20' } });
    expect(text).toMatch(/（一）予以公开\t\t[^\t]*\t\t/);
    const back = await parse(text);
    expect(back.table3!.granted.commercial).toBeNull();
    expect(back.table3!.granted.naturalPerson).toBe(original.table3!.granted.naturalPerson);
    expect(back.meta.date).toBe('2024-01-20');
    expect(back.findings.some((f) => f.code === 'CELL_BLANK')).toBe(true);
  });
});
