/**
 * The corpus store: one Kysely instance over SQLite (better-sqlite3, a file — the default) or
 * PostgreSQL (pg, a shared server), chosen by the --db location. Everything above this file is
 * written once against Kysely; only the connection, the pragmas and the full-text DDL differ.
 *
 * PostgreSQL locations may carry `?schema=NAME`: the store then lives in that schema (created
 * if missing), which lets several stores — e.g. parallel test files — share one database.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { CompiledQuery, Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type SqliteDatabase, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database as Schema } from './schema.js';
import { migrations } from './migrations/index.js';

export type DialectName = 'sqlite' | 'postgres';
export type Db = Kysely<Schema> | Transaction<Schema>;

export interface Store {
  db: Kysely<Schema>;
  dialect: DialectName;
  /** PostgreSQL: the schema given by ?schema= (the store's tables live there). */
  schema?: string;
  /** The location as given, without credentials (for messages). */
  label: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Fail when a SQLite file does not exist yet (query, export, check) instead of creating it. */
  mustExist?: boolean;
}

/** A store could not be opened or used; the message says what to do. */
export class StoreError extends Error {}

export { DEFAULT_DB } from './defaults.js';

export const isPostgresUrl = (location: string) => /^postgres(ql)?:\/\//i.test(location);

export async function openStore(location: string, options: OpenOptions = {}): Promise<Store> {
  const store = isPostgresUrl(location) ? await openPostgres(location) : openSqlite(location, options);
  try {
    await migrate(store);
  } catch (e) {
    await store.close();
    throw e instanceof StoreError ? e : new StoreError(`${store.label}: ${describe(e)}`);
  }
  return store;
}

function openSqlite(file: string, options: OpenOptions): Store {
  if (options.mustExist && !existsSync(file)) throw new StoreError(`no corpus at ${file} — run \`gongkai ingest PATH… --db ${file}\` first`);
  let database: Database.Database;
  try {
    database = new Database(file);
    database.pragma('journal_mode = WAL');
    // WAL + NORMAL: a crash loses at most the last commits, never consistency
    database.pragma('synchronous = NORMAL');
    database.pragma('busy_timeout = 30000');
    database.pragma('cache_size = -131072');
    database.pragma('foreign_keys = ON');
  } catch (e) {
    throw new StoreError(`${file} cannot be used as a gongkai database: ${describe(e)}`);
  }
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: cachingStatements(database) }) });
  return { db, dialect: 'sqlite', label: file, close: () => db.destroy() };
}

/**
 * better-sqlite3 behind Kysely with its statements kept: Kysely prepares every query anew, and
 * preparing a many-row insert costs as much as running it. A statement is reusable once run.
 */
function cachingStatements(database: Database.Database, size = 256): SqliteDatabase {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string) {
      let stmt = cache.get(sql);
      if (stmt) {
        cache.delete(sql);
      } else {
        stmt = database.prepare(sql);
        if (cache.size >= size) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, stmt);
      return stmt as unknown as ReturnType<SqliteDatabase['prepare']>;
    },
  };
}

async function openPostgres(location: string): Promise<Store> {
  const url = new URL(location);
  const schema = url.searchParams.get('schema');
  url.searchParams.delete('schema');
  if (schema !== null && !/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) throw new StoreError(`schema "${schema}" is not a plain PostgreSQL identifier`);
  const label = `postgres://${url.host}${url.pathname}${schema ? ` (schema ${schema})` : ''}`;
  const config: pg.PoolConfig = { connectionString: url.toString(), max: 4 };
  // pg_trgm lives in public, so `public` stays on the path after the store's own schema
  if (schema) config.options = `-c search_path=${schema},public`;
  const pool = new pg.Pool(config);
  pool.on('error', () => {}); // an idle client's error surfaces on the next query instead
  try {
    const client = await pool.connect();
    try {
      if (schema) await client.query(`create schema if not exists "${schema}"`);
      await client.query('create extension if not exists pg_trgm schema public');
    } catch (e) {
      const msg = describe(e);
      throw new StoreError(
        /pg_trgm|extension|permission/i.test(msg)
          ? `${label}: the pg_trgm extension (full-text search) could not be created: ${msg}. Ask the database owner to run \`CREATE EXTENSION pg_trgm SCHEMA public;\` in this database once.`
          : `${label}: ${msg}`,
      );
    } finally {
      client.release();
    }
  } catch (e) {
    await pool.end().catch(() => {});
    throw e instanceof StoreError ? e : new StoreError(`cannot connect to PostgreSQL at ${url.host}${url.pathname}: ${describe(e)}`);
  }
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', schema: schema ?? undefined, label, close: () => db.destroy() };
}

async function migrate(store: Store): Promise<void> {
  // the migration bookkeeping goes in the store's own schema (Kysely looks for it in every schema otherwise)
  const migrator = new Migrator({ db: store.db, provider: migrations(store.dialect), migrationTableSchema: store.schema });
  // up to date (the usual case): no migration lock, so a query never waits for a running ingest
  const known = await migrator.getMigrations().catch(() => null);
  if (known?.length && known.every((m) => m.executedAt)) return;
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new StoreError(`${store.label}: the database schema could not be set up${failed ? ` (migration ${failed.migrationName})` : ''}: ${describe(error)}`);
  }
}

/**
 * Refreshes the statistics the query planners use, after many rows were added: without them
 * SQLite may rank a year's reports by scanning the figure across all years. SQLite samples
 * (analysis_limit), so this takes milliseconds even on a large corpus.
 */
export async function analyse(store: Store): Promise<void> {
  if (store.dialect === 'sqlite') {
    await sql`pragma analysis_limit = 1000`.execute(store.db);
    await sql`analyze`.execute(store.db);
  } else {
    await sql`analyze reports, report_data, cells, figures, findings, bodies, sections`.execute(store.db);
  }
}

export function describe(e: unknown): string {
  if (e instanceof AggregateError && e.errors.length) return describe(e.errors[0]);
  if (e instanceof Error) return (e as NodeJS.ErrnoException).code && !e.message.includes(String((e as NodeJS.ErrnoException).code)) ? `${e.message} (${(e as NodeJS.ErrnoException).code})` : e.message || String((e as NodeJS.ErrnoException).code);
  return String(e);
}

// ---------------------------------------------------------------------------------------------
// bulk insert: many rows per statement, the SQL built by Kysely for the dialect once per shape
// ---------------------------------------------------------------------------------------------

/** Both SQLite (32766) and PostgreSQL (65535) accept this many parameters in one statement. */
const MAX_PARAMS = 30000;
const compiled = new Map<string, string>();

/**
 * Inserts rows given as one flat array (row after row, `columns.length` values each). Kysely
 * writes the statement for each (table, columns, row count) once; the values are bound, so the
 * hot path is the database's own.
 */
export async function insertFlat(db: Db, dialect: DialectName, table: keyof Schema, columns: readonly string[], flat: readonly unknown[]): Promise<void> {
  const width = columns.length;
  if (flat.length % width) throw new Error(`insertFlat(${table}): ${flat.length} values do not make rows of ${width}`);
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / width));
  for (let start = 0; start < flat.length; start += perStatement * width) {
    const params = start === 0 && flat.length <= perStatement * width ? flat : flat.slice(start, start + perStatement * width);
    const rows = params.length / width;
    const key = `${dialect}:${table}:${columns.join(',')}:${rows}`;
    let text = compiled.get(key);
    if (!text) {
      const placeholder = Object.fromEntries(columns.map((c) => [c, null]));
      text = (db as Kysely<any>).insertInto(table).values(Array.from({ length: rows }, () => placeholder)).compile().sql;
      compiled.set(key, text);
    }
    await db.executeQuery(CompiledQuery.raw(text, params as unknown[]));
  }
}
