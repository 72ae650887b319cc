/**
 * The common questions about a corpus, as tables (columns + rows):
 * - summary: reports, bodies and reports with errors per year;
 * - series: one body's figures over the years;
 * - rank: all bodies of a year ranked by a figure;
 * - total: a figure summed over all bodies, per year;
 * - findings: the reports with a finding code;
 * - search: full-text search of the prose (FTS5 trigram / pg_trgm);
 * - sql: anything else, read-only.
 * Every query reads the primary copy of each (body, year) (writer.ts), so a report stored twice
 * is counted once.
 */
import { sql, type Kysely } from 'kysely';
import { normaliseBodyName, prefixesAgree } from './bodies.js';
import { figure, type Figure } from './figures.js';
import type { Database } from './schema.js';
import type { Store } from './store.js';

export interface Table {
  columns: string[];
  rows: unknown[][];
  /** A line under the table (totals, truncation). */
  note?: string;
}

export class QueryError extends Error {}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export async function summary(store: Store): Promise<Table> {
  const rows = await store.db
    .selectFrom('reports')
    .select((eb) => [
      'year',
      eb.fn.countAll<number>().as('reports'),
      eb.fn.count<number>('body_id').distinct().as('bodies'),
      eb.fn.sum<number>(sql<number>`case when errors > 0 then 1 else 0 end`).as('with_errors'),
    ])
    .where('is_primary', '=', 1)
    .groupBy('year')
    .orderBy('year')
    .execute();
  const files = await store.db
    .selectFrom('files')
    .select((eb) => ['status', eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  const bodies = await store.db.selectFrom('bodies').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const failed = num(files.find((f) => f.status === 'error')?.n) ?? 0;
  const stored = num(files.find((f) => f.status === 'ok')?.n) ?? 0;
  return {
    columns: ['year', 'reports', 'bodies', 'with_errors'],
    rows: rows.map((r) => [r.year, num(r.reports), num(r.bodies), num(r.with_errors)]),
    note: `${stored} file${stored === 1 ? '' : 's'} stored, ${failed} with errors, ${num(bodies.n)} bodies${failed ? ' (see: gongkai query --sql "select path, error_code, error_message from files where status = \'error\'")' : ''}`,
  };
}

export interface BodyMatch {
  id: number;
  name: string;
}

/** The body a name means: exact spelling, the same normalised name, the same body without prefix, or a unique part of a name. */
export async function findBody(db: Kysely<Database>, name: string): Promise<BodyMatch> {
  const n = normaliseBodyName(name);
  const byKey = await db.selectFrom('body_names').innerJoin('bodies', 'bodies.id', 'body_names.body_id').select(['bodies.id', 'bodies.name']).where((eb) => eb.or([eb('body_names.name', '=', n.name), eb('body_names.key', '=', n.key)])).distinct().execute();
  if (byKey.length === 1) return byKey[0];
  const byCore = await db.selectFrom('body_names').innerJoin('bodies', 'bodies.id', 'body_names.body_id').select(['bodies.id', 'bodies.name', 'body_names.prefix']).where('body_names.core', '=', n.core).execute();
  const agreeing = unique(byCore.filter((r) => prefixesAgree(r.prefix, n.prefix)));
  if (agreeing.length === 1) return agreeing[0];
  const pattern = `%${n.name.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
  const byPart = unique(await db.selectFrom('bodies').select(['id', 'name']).where(sql<boolean>`name like ${pattern} escape '\\'`).limit(20).execute());
  if (byPart.length === 1) return byPart[0];
  const options = unique([...byKey, ...agreeing, ...byPart]);
  if (!options.length) throw new QueryError(`no body named "${name}" in the corpus (list them: gongkai query --sql "select name from bodies order by name")`);
  throw new QueryError(`"${name}" matches ${options.length} bodies: ${options.slice(0, 10).map((o) => o.name).join('、')} — give the full name`);
}

function unique<T extends { id: number; name: string }>(rows: T[]): BodyMatch[] {
  const m = new Map<number, BodyMatch>();
  for (const r of rows) m.set(r.id, { id: r.id, name: r.name });
  return [...m.values()];
}

export const DEFAULT_SERIES = ['table3.newReceived.total', 'table3.carriedOver.total', 'table3.resultsTotal.total', 'table3.carriedForward.total'];

/** The store's id of a figure (-1 when no stored report has it: every lookup then finds nothing). */
async function figureId(db: Kysely<Database>, f: Figure): Promise<number> {
  const row = await db.selectFrom('figures').select('id').where('tbl', '=', f.tbl).where('row_key', '=', f.row).where('col_key', '=', f.col).executeTakeFirst();
  return row?.id ?? -1;
}

/** One body's reports over the years with the figures asked for. */
export async function series(store: Store, bodyName: string, paths: string[] = DEFAULT_SERIES): Promise<Table> {
  const body = await findBody(store.db, bodyName);
  const figures = paths.map(figure);
  const ids = await Promise.all(figures.map((f) => figureId(store.db, f)));
  const rows = await store.db
    .selectFrom('reports as r')
    .select((eb) => [
      'r.year',
      'r.agency',
      'r.template',
      'r.errors',
      'r.warnings',
      'r.path',
      ...ids.map((id, i) => figureValue(eb, id).as(`f${i}`)),
    ])
    .where('r.body_id', '=', body.id)
    .where('r.is_primary', '=', 1)
    .orderBy('r.year')
    .execute();
  return {
    columns: ['year', 'agency', 'template', ...figures.map((f) => f.path), 'errors', 'warnings', 'path'],
    rows: rows.map((r) => {
      const o = r as Record<string, unknown>;
      return [r.year, r.agency, r.template, ...figures.map((_, i) => num(o[`f${i}`])), r.errors, r.warnings, r.path];
    }),
    note: `${body.name}: ${rows.length} report${rows.length === 1 ? '' : 's'}`,
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function figureValue(eb: any, figureId: number) {
  return eb.selectFrom('cells').select('cells.value').whereRef('cells.report_id', '=', 'r.id').where('cells.figure', '=', figureId);
}

/** The bodies of a year ranked by a figure (blank figures are not ranked; they are counted). */
export async function rank(store: Store, year: number, path: string, options: { limit?: number; ascending?: boolean } = {}): Promise<Table> {
  const f = figure(path);
  const id = await figureId(store.db, f);
  const limit = options.limit ?? 20;
  const base = store.db
    .selectFrom('reports as r')
    .innerJoin('cells as c', (j) => j.onRef('c.report_id', '=', 'r.id').on('c.figure', '=', id))
    .where('r.year', '=', year)
    .where('r.is_primary', '=', 1);
  const rows = await base
    .leftJoin('bodies as b', 'b.id', 'r.body_id')
    .select(['r.id', 'b.name', 'r.agency', 'c.value', 'r.path'])
    .where('c.value', 'is not', null)
    .orderBy('c.value', options.ascending ? 'asc' : 'desc')
    .orderBy('r.id')
    .limit(limit)
    .execute();
  const counts = await base.select((eb) => [eb.fn.countAll<number>().as('all'), eb.fn.count<number>('c.value').as('valued')]).executeTakeFirstOrThrow();
  const all = num(counts.all) ?? 0;
  const valued = num(counts.valued) ?? 0;
  return {
    columns: ['rank', 'body', 'agency', f.path, 'path'],
    rows: rows.map((r, i) => [i + 1, r.name, r.agency, num(r.value), r.path]),
    note: `${year}: ${valued} report${valued === 1 ? '' : 's'} with ${f.path} (${f.label})${all - valued ? `, ${all - valued} blank` : ''}${valued > rows.length ? `; top ${rows.length} shown (--limit)` : ''}`,
  };
}

/** A figure summed over the bodies, per year. */
export async function total(store: Store, path: string): Promise<Table> {
  const f = figure(path);
  const id = await figureId(store.db, f);
  // one range of the index by figure, then each report's year
  const rows = await store.db
    .selectFrom('cells as c')
    .innerJoin('reports as r', 'r.id', 'c.report_id')
    .select((eb) => ['r.year', eb.fn.count<number>('c.value').as('reports'), eb.fn.sum<number>('c.value').as('total'), eb.fn.countAll<number>().as('all')])
    .where('c.figure', '=', id)
    .where('r.is_primary', '=', 1)
    .groupBy('r.year')
    .orderBy('r.year')
    .execute();
  return {
    columns: ['year', 'reports', f.path, 'blank'],
    rows: rows.map((r) => [r.year, num(r.reports), num(r.total), (num(r.all) ?? 0) - (num(r.reports) ?? 0)]),
    note: `${f.path}: ${f.label}`,
  };
}

/** The findings with a code (per-report and cross-report), the most recently stored reports first. */
export async function findings(store: Store, code: string, options: { year?: number; limit?: number } = {}): Promise<Table> {
  const c = code.trim().toUpperCase();
  let base = store.db.selectFrom('findings as f').innerJoin('reports as r', 'r.id', 'f.report_id').where('f.code', '=', c);
  if (options.year !== undefined) base = base.where('r.year', '=', options.year);
  const limit = options.limit ?? 50;
  // in the order of the (code, report) index: no sort of what may be every report's finding
  const rows = await base
    .select(['r.year', 'r.agency', 'f.severity', 'f.message', 'r.path'])
    .orderBy('f.report_id', 'desc')
    .limit(limit)
    .execute();
  const count = num((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n) ?? 0;
  return {
    columns: ['year', 'agency', 'severity', 'message', 'path'],
    rows: rows.map((r) => [r.year, r.agency, r.severity, r.message, r.path]),
    note: `${count} ${c} finding${count === 1 ? '' : 's'}${options.year !== undefined ? ` in ${options.year}` : ''}${count > rows.length ? `; first ${rows.length} shown (--limit)` : ''}`,
  };
}

/** Reports whose prose contains the text (no word splitting: Chinese has no spaces). */
export async function search(store: Store, text: string, options: { limit?: number } = {}): Promise<Table> {
  const term = text.trim();
  if (!term) throw new QueryError('--search needs some text');
  const limit = options.limit ?? 20;
  let q = store.db
    .selectFrom('sections as s')
    .innerJoin('reports as r', 'r.id', 's.report_id')
    .select(['r.year', 'r.agency', 's.heading', 's.text', 'r.path', 's.line']);
  const like = `%${term.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
  if (store.dialect === 'sqlite' && [...term].length >= 3) {
    // the trigram index answers a phrase query; the LIKE keeps the match exact
    // (the index hands out the newest matches first and stops: no scan of every match)
    q = q.where(sql<boolean>`s.id in (select rowid from sections_fts where sections_fts match ${`"${term.replace(/"/g, '""')}"`} order by rowid desc limit ${limit * 2})`);
  }
  // PostgreSQL: the pg_trgm GIN index serves the LIKE itself
  // the most recently stored sections first, in index order: a common word matches most of a
  // large corpus, and sorting all of it would take seconds; the page is then sorted by year
  const rows = (await q.where(sql<boolean>`s.text like ${like} escape '\\'`).orderBy('s.id', 'desc').limit(limit).execute()).sort((a, b) => (b.year ?? 0) - (a.year ?? 0));
  return {
    columns: ['year', 'agency', 'section', 'excerpt', 'path'],
    rows: rows.map((r) => [r.year, r.agency, r.heading.replace(/\s+/g, ''), excerpt(r.text, term), r.line ? `${r.path}:${r.line}` : r.path]),
    note: `${rows.length} section${rows.length === 1 ? '' : 's'} contain "${term}"${rows.length === limit ? ' (more with --limit)' : ''}`,
  };
}

function excerpt(text: string, term: string): string {
  const flat = text.replace(/\s+/g, ' ');
  const at = flat.indexOf(term);
  if (at < 0) return flat.slice(0, 60);
  const start = Math.max(0, at - 24);
  const end = Math.min(flat.length, at + term.length + 24);
  return `${start > 0 ? '…' : ''}${flat.slice(start, end)}${end < flat.length ? '…' : ''}`;
}

const READ_ONLY = /^\s*(select|with|values|explain|table)\b/i;

/** Any read-only SQL. It runs in a transaction that is rolled back, so nothing is changed. */
export async function rawSql(store: Store, text: string): Promise<Table> {
  if (!READ_ONLY.test(text)) throw new QueryError('--sql runs read-only queries (SELECT or WITH …); change the database with sqlite3 or psql');
  let rows: Record<string, unknown>[] = [];
  const rollback = new Error('rollback');
  try {
    await store.db.transaction().execute(async (trx) => {
      rows = (await sql.raw<Record<string, unknown>>(text).execute(trx)).rows;
      throw rollback;
    });
  } catch (e) {
    if (e !== rollback) throw new QueryError(`the SQL failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  const columns = rows.length ? Object.keys(rows[0]) : [];
  return { columns, rows: rows.map((r) => columns.map((c) => (typeof r[c] === 'bigint' ? Number(r[c]) : r[c]))) };
}
