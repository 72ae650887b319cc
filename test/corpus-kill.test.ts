/**
 * Resumable ingest, on SQLite and PostgreSQL: the CLI is killed (SIGKILL) while it writes; the
 * store it leaves is consistent — every report whole, no orphan rows — and the next run stores
 * exactly the rest.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/corpus/store.js';
import { BACKENDS, cli, cliAsync, fixture, freshLocation, requireBackend, skipBackend, tempDir, type Backend, type Location } from './corpus-helpers.js';

const SOURCES = [
  'seeds/000_c47e9c5f12649720.txt',
  'seeds/001_f41306fad5832fd5.txt',
  'seeds/002_78d436c7c7a06db1.txt',
  'seeds/003_b7d93dd1867ccdfc.txt',
  'seeds/004_2e038facf9d8feda.txt',
  'real/pingtan-2011.html',
  'real/pingtan-2019.html',
  'real/pingtan-2021.html',
  'real/pingtan-county-2012.html',
  'real/hongze-2023.layout.txt',
  'real/hongze-2024.layout.txt',
  'real/huaian-2024.layout.txt',
];
const COPIES = 30;
const FILES = SOURCES.length * COPIES;

const n = (v: unknown) => Number(v);

/** What must hold in any store, complete or not. */
async function consistency(url: string) {
  const store = await openStore(url, { mustExist: true });
  try {
    const db = store.db;
    const count = async (q: string) => n((await sql.raw<{ n: unknown }>(q).execute(db)).rows[0].n);
    return {
      reports: await count('select count(*) as n from reports'),
      files: await count("select count(*) as n from files where status = 'ok'"),
      // a report whose cell rows are not all there
      partial: await count('select count(*) as n from reports r where r.n_cells <> (select count(*) from cells c where c.report_id = r.id)'),
      withoutSections: await count('select count(*) as n from reports r where not exists (select 1 from sections s where s.report_id = r.id)'),
      orphanCells: await count('select count(*) as n from cells c where not exists (select 1 from reports r where r.id = c.report_id)'),
      orphanSections: await count('select count(*) as n from sections s where not exists (select 1 from reports r where r.id = s.report_id)'),
      orphanFindings: await count('select count(*) as n from findings f where not exists (select 1 from reports r where r.id = f.report_id)'),
      filesWithoutReport: await count("select count(*) as n from files f where f.status = 'ok' and not exists (select 1 from reports r where r.file_id = f.id)"),
      reportsWithoutFile: await count("select count(*) as n from reports r where not exists (select 1 from files f where f.id = r.file_id and f.status = 'ok')"),
      primaries: await count('select count(*) as n from (select body_id, year from reports where body_id is not null and year is not null group by body_id, year having sum(is_primary) <> 1) x'),
    };
  } finally {
    await store.close();
  }
}

/** Reports committed so far, read beside the running ingest without touching its schema. */
async function storedReports(backend: Backend, url: string): Promise<number> {
  // the database may not exist yet, or not have its tables: then nothing is stored
  try {
    if (backend === 'sqlite') {
      const db = new Database(url, { readonly: true, fileMustExist: true });
      try {
        return n((db.prepare('select count(*) as n from reports').get() as { n: number }).n);
      } finally {
        db.close();
      }
    }
    const u = new URL(url);
    const schema = u.searchParams.get('schema')!;
    u.searchParams.delete('schema');
    const client = new pg.Client({ connectionString: u.toString() });
    await client.connect();
    try {
      return n((await client.query(`select count(*) as n from "${schema}".reports`)).rows[0].n);
    } finally {
      await client.end();
    }
  } catch {
    return 0;
  }
}

for (const backend of BACKENDS) {
  describe.skipIf(skipBackend(backend))(`ingest killed mid-batch (${backend})`, () => {
    let location: Location;
    let folder: ReturnType<typeof tempDir>;
    let atKill = 0;
    let exit: NodeJS.Signals | number | null = null;

    beforeAll(async () => {
      requireBackend(backend);
      location = freshLocation(backend, 'kill');
      folder = tempDir('kill-files');
      // each fixture many times, every copy with different bytes (trailing spaces) and so a different hash
      for (const [s, rel] of SOURCES.entries()) {
        const text = readFileSync(fixture(rel), 'utf8');
        const ext = rel.split('.').pop();
        for (let i = 0; i < COPIES; i++) writeFileSync(join(folder.dir, `${String(s).padStart(2, '0')}-${String(i).padStart(3, '0')}.${ext}`), `${text}\n${' '.repeat(i + 1)}\n`);
      }
      // small batches, so several commits happen before the kill
      const child = cliAsync(['ingest', folder.dir, '--db', location.url, '--batch', '10', '--no-check', '-q']);
      const done = new Promise<void>((resolve) => child.on('exit', (code, signal) => ((exit = signal ?? code), resolve())));
      const started = Date.now();
      while (exit === null && Date.now() - started < 120_000) {
        if ((await storedReports(backend, location.url)) >= 40) break;
        await new Promise((r) => setTimeout(r, 25));
      }
      child.kill('SIGKILL');
      await done;
      // PostgreSQL may still be finishing a COMMIT the killed client sent: wait for a stable count
      atKill = await storedReports(backend, location.url);
      for (;;) {
        await new Promise((r) => setTimeout(r, 500));
        const now = await storedReports(backend, location.url);
        if (now === atKill) break;
        atKill = now;
      }
    }, 180_000);

    afterAll(async () => {
      await location?.dispose();
      folder?.dispose();
    });

    it('was killed in the middle', () => {
      expect(exit).toBe('SIGKILL');
      expect(atKill).toBeGreaterThanOrEqual(40);
      expect(atKill).toBeLessThan(FILES);
    });

    it('left a consistent store: whole reports, no orphan rows', async () => {
      const c = await consistency(location.url);
      expect(c).toEqual({
        reports: atKill,
        files: atKill,
        partial: 0,
        withoutSections: 0,
        orphanCells: 0,
        orphanSections: 0,
        orphanFindings: 0,
        filesWithoutReport: 0,
        reportsWithoutFile: 0,
        primaries: 0,
      });
    });

    it('finishes the rest on the next run, storing nothing twice', async () => {
      const r = cli(['ingest', folder.dir, '--db', location.url, '-q']);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toContain(`${FILES - atKill} reports stored`);
      expect(r.stdout).toContain(`${atKill} already stored`);
      const c = await consistency(location.url);
      expect(c).toMatchObject({ reports: FILES, files: FILES, partial: 0, withoutSections: 0, orphanCells: 0, orphanSections: 0, orphanFindings: 0, filesWithoutReport: 0, reportsWithoutFile: 0, primaries: 0 });
      const again = cli(['ingest', folder.dir, '--db', location.url, '-q', '--format', 'json']);
      expect(JSON.parse(again.stdout)).toMatchObject({ files: FILES, reports: 0, skipped: FILES, failed: 0 });
    });
  });
}
