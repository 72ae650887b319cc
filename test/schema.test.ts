/** Every parse result validates against the runtime schema that `gongkai schema` exports. */
import { describe, expect, it } from 'vitest';
import { ReadError, Report, TYPES_MATCH } from '../src/model/schema.js';
import { parsePath } from '../src/pipeline.js';
import { fixtureCases } from './helpers.js';

describe('output schema', () => {
  it('the runtime schemas and the pipeline types are the same (checked when compiling)', () => {
    expect(TYPES_MATCH).toBe(true);
  });
  for (const c of fixtureCases((f) => /\.(txt|html)$/.test(f))) {
    it(c.name, async () => {
      const out = await parsePath(c.source);
      const parsed = ('error' in out ? ReadError : Report).safeParse(out);
      expect(parsed.success ? [] : parsed.error.issues.slice(0, 3)).toEqual([]);
    });
  }
  it('blank cells are null in the tables and marked in the provenance', async () => {
    const c = fixtureCases((f) => f.endsWith('pingtan-2019.glued.txt'))[0];
    const out = await parsePath(c.source);
    if ('error' in out) throw new Error();
    const blank = out.cells.filter((x) => x.value === null && x.path.startsWith('table'));
    expect(blank.length).toBeGreaterThan(0);
    for (const b of blank) expect(b.inferred ?? b.marker).toBeTruthy();
  });
});
