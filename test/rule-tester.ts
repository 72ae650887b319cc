/**
 * A rule tester after ESLint's: for each rule, a table of valid cases (no finding of the rule)
 * and invalid cases (the findings expected). Cases are real fixtures, optionally with one printed
 * number changed in the source text — so the whole pipeline (read, recognise, check) is exercised.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding, Report } from '../src/model/report.js';
import { parseBuffer } from '../src/pipeline.js';
import { FIXTURES } from './helpers.js';

export interface RuleCase {
  name: string;
  /** Path under test/fixtures. */
  fixture: string;
  /** Change the source: a cell by model path, or any text replacement. */
  cells?: Record<string, string>;
  replace?: [string | RegExp, string][];
}

export interface InvalidCase extends RuleCase {
  findings: (Partial<Pick<Finding, 'severity' | 'expected' | 'actual' | 'assessable'>> & { message?: RegExp; paths?: string[] })[];
}

const cache = new Map<string, Report>();

async function parse(text: string, name: string): Promise<Report> {
  const out = await parseBuffer(Buffer.from(text), name);
  if ('error' in out) throw new Error(`${name}: ${out.error.message}`);
  return out;
}

/** Replaces the printed value of a cell, found through its provenance (line, and tab column). */
export async function editedSource(c: RuleCase): Promise<string> {
  let text = readFileSync(join(FIXTURES, c.fixture), 'utf8');
  if (c.cells) {
    const original = cache.get(c.fixture) ?? (await parse(text, c.fixture));
    cache.set(c.fixture, original);
    const lines = text.split('\n');
    for (const [path, raw] of Object.entries(c.cells)) {
      const cell = original.cells.find((x) => x.path === path);
      if (!cell?.loc.line) throw new Error(`${c.fixture}: no located cell ${path}`);
      const i = cell.loc.line - 1;
      const printed = cell.raw.trim();
      if (lines[i].includes('\t') && cell.loc.column !== undefined && lines[i].split('\t').length > 2) {
        const cols = lines[i].split('\t');
        cols[cell.loc.column] = cols[cell.loc.column].replace(printed, raw);
        lines[i] = cols.join('\t');
      } else {
        // the k-th cell printed with this text on the line is the k-th occurrence of the text
        const sameLine = original.cells.filter((x) => x.loc.line === cell.loc.line && x.raw.trim() === printed);
        let at = -1;
        for (let k = 0; k <= sameLine.indexOf(cell); k++) at = lines[i].indexOf(printed, at + 1);
        if (at < 0) throw new Error(`${c.fixture}:${i + 1}: "${printed}" not on the line`);
        lines[i] = lines[i].slice(0, at) + raw + lines[i].slice(at + printed.length);
      }
    }
    text = lines.join('\n');
  }
  for (const [from, to] of c.replace ?? []) {
    const next = text.replace(from, to);
    if (next === text) throw new Error(`${c.fixture}: ${String(from)} not found`);
    text = next;
  }
  return text;
}

export function ruleTable(code: string, cases: { valid: RuleCase[]; invalid: InvalidCase[] }): void {
  describe(code, () => {
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, async () => {
        const report = await parse(await editedSource(c), c.fixture);
        expect(report.findings.filter((f) => f.code === code).map((f) => `${f.severity}: ${f.message}`)).toEqual([]);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, async () => {
        const report = await parse(await editedSource(c), c.fixture);
        const got = report.findings.filter((f) => f.code === code);
        expect(got.length, got.map((f) => f.message).join('\n')).toBe(c.findings.length);
        c.findings.forEach((want, i) => {
          const f = got[i];
          if (want.severity) expect(f.severity).toBe(want.severity);
          if (want.message) expect(f.message).toMatch(want.message);
          if (want.expected !== undefined) expect(f.expected).toBe(want.expected);
          if (want.actual !== undefined) expect(f.actual).toBe(want.actual);
          if (want.assessable !== undefined) expect(f.assessable).toBe(want.assessable);
          if (want.paths) expect(f.paths).toEqual(expect.arrayContaining(want.paths));
        });
      });
    }
  });
}
