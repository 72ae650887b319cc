/** Test helpers: the repository's own fixtures (never ../shared) and the built CLI. */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..');
export const FIXTURES = join(ROOT, 'test', 'fixtures');
export const CLI = join(ROOT, 'bin', 'gongkai.js');

export interface FixtureCase {
  name: string;
  source: string;
  expected: Record<string, any>;
  ext: string;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** Every NAME.<ext> beside a NAME.expected.json under test/fixtures (as the score tool pairs them). */
export function fixtureCases(filter: (source: string) => boolean = () => true): FixtureCase[] {
  const files = walk(FIXTURES);
  return files
    .filter((f) => f.endsWith('.expected.json'))
    .flatMap((exp) => {
      const stem = exp.slice(0, -'.expected.json'.length);
      const expected = JSON.parse(readFileSync(exp, 'utf8'));
      return files
        .filter((f) => f !== exp && f.startsWith(`${stem}.`) && !f.endsWith('.json') && !f.endsWith('.md'))
        .filter(filter)
        .map((source) => ({ name: basename(source), source, expected, ext: source.split('.').pop()! }));
    });
}

export function runCli(args: string[], input?: string | Buffer, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8', maxBuffer: 256 << 20, timeout: 120_000, env: { ...process.env, NO_COLOR: '1', ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const norm = (s: unknown) => (s == null ? null : String(s).replace(/\s+/g, ''));

/**
 * The differences between a parsed report and a fixture's expected JSON, with the score tool's
 * semantics: meta fields listed, every table cell, the legacy indicators listed, the required
 * findings, and no error other than the required ones.
 */
export function diffExpected(out: any, expected: Record<string, any>, opts: { findings?: boolean } = {}): string[] {
  const problems: string[] = [];
  for (const k of ['year', 'template', 'agency', 'date']) {
    if (!(k in (expected.meta ?? {}))) continue;
    const wants = Array.isArray(expected.meta[k]) ? expected.meta[k].map(norm) : [norm(expected.meta[k])];
    const got = norm(out?.meta?.[k] ?? null);
    if (!wants.includes(got)) problems.push(`meta.${k}: want ${wants.join(' | ')} got ${got}`);
  }
  for (const t of ['table2', 'table3', 'table4']) {
    if (!(t in expected)) continue;
    if (expected[t] === null) {
      if (out?.[t] != null) problems.push(`${t} should be null`);
      continue;
    }
    for (const [row, cols] of Object.entries(expected[t] as Record<string, Record<string, number | null>>)) {
      for (const [col, want] of Object.entries(cols)) {
        const got = out?.[t]?.[row]?.[col];
        if (!(got === want || (typeof got === 'number' && typeof want === 'number' && Math.abs(got - want) < 1e-6))) problems.push(`${t}.${row}.${col}: want ${want} got ${got}`);
      }
    }
  }
  for (const [k, want] of Object.entries((expected.legacy?.indicators ?? {}) as Record<string, number | null>)) {
    const got = out?.legacy?.indicators?.[k];
    if (got !== want) problems.push(`legacy.${k}: want ${want} got ${got}`);
  }
  if (opts.findings !== false) {
    const codes = new Set((out?.findings ?? []).map((f: any) => f.code));
    for (const code of expected.findings?.required ?? []) if (!codes.has(code)) problems.push(`missing finding ${code}`);
    if (expected.findings?.forbiddenErrors) {
      const allowed = new Set(expected.findings.required ?? []);
      for (const f of out?.findings ?? []) if (f.severity === 'error' && !allowed.has(f.code)) problems.push(`false error ${f.code}: ${f.message}`);
    }
  }
  return problems;
}
