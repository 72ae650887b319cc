/**
 * Writes parsed files to the store in batches. A batch is one transaction: its files, reports,
 * bodies, cells, sections and findings are all there after a commit or none of them are, so an
 * ingest killed at any moment leaves a consistent store and the next run redoes only what is
 * missing. A batch that fails is retried file by file, so one report the database refuses is
 * recorded as that file's error and the others are kept.
 */
import { sql } from 'kysely';
import { BodyRegistry, normaliseBodyName, preferredName } from './bodies.js';
import { CELL_COLUMNS, FINDING_COLUMNS, SECTION_COLUMNS, type FileOutcome, type ReportRecord } from './record.js';
import { describe, insertFlat, type Db, type Store } from './store.js';

export interface WriteResult {
  /** Ids of the reports written. */
  reports: number[];
  /** Files recorded with an error (including reports the database refused). */
  failed: number;
  /** Bodies created. */
  bodies: number;
}

const now = () => new Date().toISOString();
const bytes = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

export async function loadRegistry(db: Db): Promise<BodyRegistry> {
  const registry = new BodyRegistry();
  const rows = await db
    .selectFrom('body_names')
    .innerJoin('bodies', 'bodies.id', 'body_names.body_id')
    .select(['body_names.name', 'body_names.key', 'body_names.core', 'body_names.prefix', 'body_names.body_id', 'bodies.name as body_name'])
    .orderBy('bodies.id')
    .execute();
  for (const r of rows) registry.remember(r.body_id, r.body_name, { name: r.name, key: r.key, core: r.core, prefix: r.prefix });
  return registry;
}

const figureKey = (tbl: unknown, row: unknown, col: unknown) => `${tbl}\u0001${row}\u0001${col}`;

/** The figure ids known to the store, by "tbl␁row␁col". */
export async function loadFigures(db: Db): Promise<Map<string, number>> {
  const rows = await db.selectFrom('figures').selectAll().execute();
  return new Map(rows.map((f) => [figureKey(f.tbl, f.row_key, f.col_key), f.id]));
}

async function loadUnhashed(db: Db): Promise<Set<string>> {
  return new Set((await db.selectFrom('files').select('path').where('sha256', 'is', null).execute()).map((r) => r.path));
}

export class Writer {
  private constructor(
    private readonly store: Store,
    private registry: BodyRegistry,
    private figures: Map<string, number>,
    /** Paths recorded with an error but no content hash (unreadable, timed out): replaced when the file is stored. */
    private unhashed: Set<string>,
  ) {}

  static async open(store: Store): Promise<Writer> {
    return new Writer(store, await loadRegistry(store.db), await loadFigures(store.db), await loadUnhashed(store.db));
  }

  /** After a failed transaction: what it added to the in-memory registries is not in the store. */
  private async reload(): Promise<void> {
    this.registry = await loadRegistry(this.store.db);
    this.figures = await loadFigures(this.store.db);
    this.unhashed = await loadUnhashed(this.store.db);
  }

  /** Sets the figure id of every cell row, adding the figures the store has not seen yet. */
  private async setFigures(trx: Db, rows: unknown[]): Promise<void> {
    const width = CELL_COLUMNS.length;
    for (let i = 0; i < rows.length; i += width) {
      const key = figureKey(rows[i + 2], rows[i + 3], rows[i + 4]);
      let id = this.figures.get(key);
      if (id === undefined) {
        const values = { tbl: String(rows[i + 2]), row_key: String(rows[i + 3]), col_key: String(rows[i + 4]) };
        const inserted = await trx.insertInto('figures').values(values).onConflict((oc) => oc.columns(['tbl', 'row_key', 'col_key']).doNothing()).returning('id').executeTakeFirst();
        id = inserted?.id ?? (await trx.selectFrom('figures').select('id').where('tbl', '=', values.tbl).where('row_key', '=', values.row_key).where('col_key', '=', values.col_key).executeTakeFirstOrThrow()).id;
        this.figures.set(key, id);
      }
      rows[i + 1] = id;
    }
  }

  async write(batch: FileOutcome[]): Promise<WriteResult> {
    const work = batch.filter((o) => o.kind !== 'skipped');
    if (!work.length) return { reports: [], failed: 0, bodies: 0 };
    try {
      return await this.store.db.transaction().execute((trx) => this.writeAll(trx, work));
    } catch {
      await this.reload();
      const total: WriteResult = { reports: [], failed: 0, bodies: 0 };
      for (const o of work) {
        let r: WriteResult;
        try {
          r = await this.store.db.transaction().execute((trx) => this.writeAll(trx, [o]));
        } catch (e) {
          await this.reload();
          const failure: FileOutcome = {
            kind: 'failed',
            path: o.path,
            sha256: o.sha256,
            bytes: o.bytes,
            format: o.kind === 'report' ? o.record.format : o.format,
            code: 'STORE',
            message: `the database refused the report: ${describe(e)}`,
          };
          r = await this.store.db.transaction().execute((trx) => this.writeAll(trx, [failure]));
        }
        total.reports.push(...r.reports);
        total.failed += r.failed;
        total.bodies += r.bodies;
      }
      return total;
    }
  }

  private async writeAll(trx: Db, batch: FileOutcome[]): Promise<WriteResult> {
    const dialect = this.store.dialect;
    const result: WriteResult = { reports: [], failed: 0, bodies: 0 };
    const groups = new Map<string, [number, number]>();
    for (const o of batch) {
      if (o.kind === 'skipped') continue;
      // an earlier attempt that could not even hash the file is superseded by this one
      if (this.unhashed.has(o.path)) {
        await trx.deleteFrom('files').where('sha256', 'is', null).where('path', '=', o.path).execute();
        this.unhashed.delete(o.path);
      }
      if (o.kind === 'failed') {
        await recordFailure(trx, o);
        if (!o.sha256) this.unhashed.add(o.path);
        result.failed++;
        continue;
      }
      const fileId = await upsertFile(trx, { sha256: o.sha256, path: o.path, bytes: o.bytes, format: o.record.format, status: 'ok', error_code: null, error_message: null });
      if (fileId === null) continue;
      const { id: bodyId, created } = await this.resolveBody(trx, o.record);
      if (created) result.bodies++;
      const reportId = await insertReport(trx, fileId, bodyId, o.path, o.record);
      result.reports.push(reportId);
      if (bodyId !== null && o.record.year !== null) groups.set(`${bodyId}:${o.record.year}`, [bodyId, o.record.year]);
      // the rows come ready to bind from the worker; only the ids are filled in
      await this.setFigures(trx, o.record.cells);
      for (const [table, columns, rows] of [
        ['cells', CELL_COLUMNS, o.record.cells],
        ['sections', SECTION_COLUMNS, o.record.sections],
        ['findings', FINDING_COLUMNS, o.record.findings],
      ] as const) {
        for (let i = 0; i < rows.length; i += columns.length) rows[i] = reportId;
        await insertFlat(trx, dialect, table, columns, rows);
      }
    }
    for (const [bodyId, year] of groups.values()) await choosePrimary(trx, bodyId, year);
    return result;
  }

  /** The body a report is for: found by its name (bodies.ts), or created. */
  private async resolveBody(trx: Db, record: ReportRecord): Promise<{ id: number | null; created: boolean }> {
    if (!record.agency) return { id: null, created: false };
    const n = normaliseBodyName(record.agency);
    const found = this.registry.resolve(n);
    if (found.id !== null) {
      if (!found.known) {
        await trx.insertInto('body_names').values({ name: n.name, body_id: found.id, key: n.key, core: n.core, prefix: n.prefix }).onConflict((oc) => oc.column('name').doNothing()).execute();
        const body = this.registry.body(found.id)!;
        const name = preferredName(body.name, n.name);
        if (name !== body.name) {
          await trx.updateTable('bodies').set({ name }).where('id', '=', found.id).execute();
          body.name = name;
        }
        this.registry.remember(found.id, body.name, n);
      }
      return { id: found.id, created: false };
    }
    // the key is unique: a body another process created meanwhile is taken, not duplicated
    const inserted = await trx
      .insertInto('bodies')
      .values({ name: n.name, key: n.key, core: n.core, prefix: n.prefix, kind: record.bodyType })
      .onConflict((oc) => oc.column('key').doNothing())
      .returning('id')
      .executeTakeFirst();
    const id = inserted?.id ?? (await trx.selectFrom('bodies').select('id').where('key', '=', n.key).executeTakeFirstOrThrow()).id;
    await trx.insertInto('body_names').values({ name: n.name, body_id: id, key: n.key, core: n.core, prefix: n.prefix }).onConflict((oc) => oc.column('name').doNothing()).execute();
    this.registry.remember(id, n.name, n);
    return { id, created: Boolean(inserted) };
  }
}

interface FileRow {
  sha256: string;
  path: string;
  bytes: number | null;
  format: string;
  status: 'ok' | 'error';
  error_code: string | null;
  error_message: string | null;
}

/**
 * Inserts a file, or updates the row of the same content when that one failed before. Returns
 * null when the content is already stored with its report (another ingest got there first):
 * a stored report is never replaced by a new copy or downgraded to an error.
 */
async function upsertFile(trx: Db, row: FileRow): Promise<number | null> {
  const values = { ...row, ingested_at: now() };
  const r = await trx
    .insertInto('files')
    .values(values)
    .onConflict((oc) =>
      oc
        .column('sha256')
        .doUpdateSet({ path: values.path, bytes: values.bytes, format: values.format, status: values.status, error_code: values.error_code, error_message: values.error_message, ingested_at: values.ingested_at })
        .where('files.status', '=', 'error'),
    )
    .returning('id')
    .executeTakeFirst();
  return r?.id ?? null;
}

async function recordFailure(trx: Db, o: Extract<FileOutcome, { kind: 'failed' }>): Promise<void> {
  if (o.sha256) {
    await upsertFile(trx, { sha256: o.sha256, path: o.path, bytes: o.bytes, format: o.format, status: 'error', error_code: o.code, error_message: o.message });
    return;
  }
  // no content to identify it by: one row per path (the writer removed the previous one)
  await trx
    .insertInto('files')
    .values({ sha256: null, path: o.path, bytes: o.bytes, format: o.format, status: 'error', error_code: o.code, error_message: o.message, ingested_at: now() })
    .execute();
}

async function insertReport(trx: Db, fileId: number, bodyId: number | null, path: string, r: ReportRecord): Promise<number> {
  const row = await trx
    .insertInto('reports')
    .values({
      file_id: fileId,
      body_id: bodyId,
      path,
      format: r.format,
      title: r.title,
      agency: r.agency,
      year: r.year,
      template: r.template,
      date: r.date,
      body_type: r.bodyType,
      errors: r.errors,
      warnings: r.warnings,
      infos: r.infos,
      n_cells: r.cells.length / CELL_COLUMNS.length,
      n_values: r.nValues,
      is_primary: 1,
      ingested_at: now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.insertInto('report_data').values({ report_id: row.id, tables: r.tables, extra: r.extra, signature: bytes(r.signature), passages: bytes(r.passages) }).execute();
  return row.id;
}

/**
 * A body's report for a year may be stored more than once (the PDF and a text export of it,
 * a corrected re-publication). Queries and cross-year rules use one: the one with the fewest
 * errors, then warnings, then the most figures, then the first stored.
 */
export async function choosePrimary(trx: Db, bodyId: number, year: number): Promise<void> {
  const copies = await trx
    .selectFrom('reports')
    .select(['id', 'is_primary'])
    .where('body_id', '=', bodyId)
    .where('year', '=', year)
    .orderBy('errors')
    .orderBy('warnings')
    .orderBy('n_values', 'desc')
    .orderBy('id')
    .execute();
  if (copies.length <= 1) return;
  const best = copies[0].id;
  if (copies.every((c) => (c.id === best) === (c.is_primary === 1))) return;
  await trx
    .updateTable('reports')
    .set({ is_primary: sql<number>`case when id = ${best} then 1 else 0 end` })
    .where('body_id', '=', bodyId)
    .where('year', '=', year)
    .execute();
}
