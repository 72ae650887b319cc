/**
 * Cross-report findings do not depend on the order reports reached the store. A parallel ingest
 * stores reports in the order its workers finish, so their ids differ from run to run; the same
 * files must still give the same findings. The case that showed it: more copies of one report
 * than an LSH bucket window compares, where which copy is named as the source depended on ids.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../src/corpus/ingest.js';
import { runCorpusCheck } from '../src/corpus/check.js';
import { openStore, type Store } from '../src/corpus/store.js';
import { freshLocation, place, tempDir, type Location } from './corpus-helpers.js';

const SEED = 'seeds/004_2e038facf9d8feda.txt';
// fifteen bodies print the same report (more than the bucket window of 8 compares)
const PLACES = ['乌拉特中旗', '乌拉特前旗', '乌拉特后旗', '达拉特旗', '杭锦旗', '鄂托克旗', '准格尔旗', '伊金霍洛旗', '乌审旗', '磴口县', '五原县', '临河区', '杭锦后旗', '察右前旗', '察右后旗'];

async function corpusFindings(store: Store) {
  const rows = await store.db
    .selectFrom('findings as f')
    .innerJoin('reports as r', 'r.id', 'f.report_id')
    .leftJoin('reports as o', 'o.id', 'f.related_report_id')
    .select(['r.path', 'f.code', 'f.message', 'o.path as related'])
    .where('f.scope', '=', 'corpus')
    .execute();
  const name = (p: string | null) => p?.split('/').pop() ?? null;
  return rows.map((r) => [name(r.path), r.code, name(r.related), r.message].join(' | ')).sort();
}

describe('corpus findings and ingest order', () => {
  const folder = tempDir('determinism');
  const locations: Location[] = [];
  const stores: Store[] = [];
  const files: string[] = [];

  beforeAll(async () => {
    for (const [i, where] of PLACES.entries()) files.push(place(folder.dir, SEED, (t) => t.replaceAll('乌拉特中旗', where), `${String(i).padStart(2, '0')}.txt`));
    for (const tag of ['forward', 'reverse']) {
      const location = freshLocation('sqlite', `determinism-${tag}`);
      locations.push(location);
      stores.push(await openStore(location.url));
    }
    // one store receives the files in name order, the other one at a time in reverse order
    await ingest(stores[0], [folder.dir], { threads: 1, progress: 'none' });
    for (const f of [...files].reverse()) await ingest(stores[1], [f], { threads: 1, progress: 'none', check: false });
    await runCorpusCheck(stores[1]);
  }, 120_000);

  afterAll(async () => {
    for (const s of stores) await s.close();
    for (const l of locations) await l.dispose();
    folder.dispose();
  });

  it('gives the same findings, with the same related reports, whatever the ids', async () => {
    const [forward, reverse] = [await corpusFindings(stores[0]), await corpusFindings(stores[1])];
    expect(forward.filter((f) => f.includes('TEXT_DUPLICATE')).length).toBe(PLACES.length);
    expect(reverse).toEqual(forward);
  });
});
