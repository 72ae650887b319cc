/**
 * Corpus tests run twice: against SQLite (a temporary file) and against PostgreSQL
 * (GONGKAI_TEST_PG, default postgres://postgres@127.0.0.1:5432/test). Every store lives in its
 * own place — a temp file, or a schema of its own (`?schema=`), dropped afterwards — so test
 * files running in parallel never meet. Without a reachable server the PostgreSQL tests are
 * skipped with a message; with GONGKAI_REQUIRE_PG=1 (CI) they fail instead.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import pg from 'pg';
import { CLI, FIXTURES, ROOT } from './helpers.js';

export const PG_URL = process.env.GONGKAI_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REQUIRE_PG = process.env.GONGKAI_REQUIRE_PG === '1';
export type Backend = 'sqlite' | 'postgres';
export const BACKENDS: Backend[] = ['sqlite', 'postgres'];

async function reach(): Promise<string | null> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (e) {
    return e instanceof Error ? e.message || String((e as NodeJS.ErrnoException).code) : String(e);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Why PostgreSQL cannot be used (null when it can). */
export const pgProblem = await reach();
if (pgProblem && !REQUIRE_PG) console.warn(`[corpus tests] PostgreSQL tests SKIPPED: ${PG_URL} is unreachable (${pgProblem}). Set GONGKAI_TEST_PG, or GONGKAI_REQUIRE_PG=1 to make this a failure.`);

/** Skip the PostgreSQL variant only when the server is unreachable and not required. */
export const skipBackend = (b: Backend) => b === 'postgres' && pgProblem !== null && !REQUIRE_PG;

/** Throws (failing the tests) when PostgreSQL is required and unreachable. */
export function requireBackend(b: Backend): void {
  if (b === 'postgres' && pgProblem) throw new Error(`PostgreSQL is required (GONGKAI_REQUIRE_PG=1) but ${PG_URL} is unreachable: ${pgProblem}`);
}

export interface Location {
  /** What --db takes. */
  url: string;
  dispose(): Promise<void>;
}

let counter = 0;

/** A new, empty store location for a backend. */
export function freshLocation(backend: Backend, tag: string): Location {
  if (backend === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), `gongkai-${tag}-`));
    return { url: join(dir, 'corpus.db'), dispose: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = `gk_${tag.replace(/\W/g, '_')}_${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`;
  const sep = PG_URL.includes('?') ? '&' : '?';
  return {
    url: `${PG_URL}${sep}schema=${schema}`,
    dispose: async () => {
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      try {
        await client.query(`drop schema if exists "${schema}" cascade`);
      } finally {
        await client.end();
      }
    },
  };
}

export function tempDir(tag: string): { dir: string; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `gongkai-${tag}-`));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export const fixture = (rel: string) => join(FIXTURES, rel);

/** Copies fixture files into a folder (optionally rewriting their text). */
export function place(dir: string, rel: string, edit?: (text: string) => string, name = basename(rel)): string {
  mkdirSync(dir, { recursive: true });
  const target = join(dir, name);
  if (edit) writeFileSync(target, edit(readFileSync(fixture(rel), 'utf8')));
  else copyFileSync(fixture(rel), target);
  return target;
}

/** The built CLI, run in a working directory of the test's choosing. */
export function cli(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', maxBuffer: 256 << 20, timeout: 300_000, env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function cliAsync(args: string[], cwd = ROOT) {
  return spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
}
