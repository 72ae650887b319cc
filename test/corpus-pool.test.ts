/**
 * A file the parser gets stuck on never stops the batch: the worker is replaced, the file is
 * recorded with a TIMEOUT (and tried again next time, having no content hash stored), the rest
 * goes on. A 1 ms limit makes every file "stuck" (a worker needs longer than that to start).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../src/corpus/ingest.js';
import { openStore, type Store } from '../src/corpus/store.js';
import { freshLocation, place, tempDir, type Location } from './corpus-helpers.js';

describe('parse pool: stuck files', () => {
  let location: Location;
  let store: Store;
  let folder: ReturnType<typeof tempDir>;
  beforeAll(async () => {
    location = freshLocation('sqlite', 'pool');
    store = await openStore(location.url);
    folder = tempDir('pool-in');
    for (const f of ['seeds/000_c47e9c5f12649720.txt', 'seeds/003_b7d93dd1867ccdfc.txt', 'seeds/004_2e038facf9d8feda.txt']) place(folder.dir, f);
  });
  afterAll(async () => {
    await store?.close();
    await location?.dispose();
    folder?.dispose();
  });

  it('records them with TIMEOUT and finishes', async () => {
    const s = await ingest(store, [folder.dir], { progress: 'none', timeoutMs: 1, threads: 2 });
    expect(s).toMatchObject({ files: 3, reports: 0, failed: 3 });
    expect(s.failures.map((f) => f.code)).toEqual(['TIMEOUT', 'TIMEOUT', 'TIMEOUT']);
    const rows = await store.db.selectFrom('files').select(['status', 'error_code', 'sha256']).execute();
    expect(rows).toEqual(Array(3).fill({ status: 'error', error_code: 'TIMEOUT', sha256: null }));
  }, 60_000);

  it('tries them again on the next run, and stores them', async () => {
    const s = await ingest(store, [folder.dir], { progress: 'none' });
    expect(s).toMatchObject({ files: 3, reports: 3, failed: 0, skipped: 0 });
    // the timed-out rows (no hash) are replaced, not kept beside the stored files
    const rows = await store.db.selectFrom('files').select(['status']).execute();
    expect(rows.map((r) => r.status)).toEqual(['ok', 'ok', 'ok']);
  }, 60_000);
});
