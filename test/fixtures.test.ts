/**
 * Every text, Markdown and HTML fixture (including the pdftotext variants) must come out exactly
 * as its expected JSON — meta, every table cell, legacy indicators, required findings and no
 * false errors. The crawler texts (*.glued.txt) are scored separately (glued.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { parsePath } from '../src/pipeline.js';
import { diffExpected, fixtureCases } from './helpers.js';

const cases = fixtureCases((f) => /\.(txt|md|html?)$/.test(f) && !f.includes('.glued.'));

describe('fixtures (text, Markdown, HTML)', () => {
  it('has the fixtures', () => {
    expect(cases.length).toBeGreaterThanOrEqual(15);
  });
  for (const c of cases) {
    it(c.name, async () => {
      const out = await parsePath(c.source);
      expect(diffExpected(out, c.expected)).toEqual([]);
    });
  }
});
