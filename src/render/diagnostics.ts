/**
 * Findings as compiler diagnostics (ESLint/rustc style): `path:line  severity  CODE  message`,
 * the source line under it, colour on a TTY, and a summary at the end.
 */
import pc from 'picocolors';
import type { Finding, ParseResult, Report } from '../model/report.js';
import { isReadError } from '../model/report.js';

export interface DiagnosticOptions {
  color: boolean;
}

function place(report: Report, f: Finding): string {
  const l = f.loc;
  if (!l) return report.source.path;
  if (l.line) return `${report.source.path}:${l.line}`;
  if (l.page) return `${report.source.path}:p${l.page}`;
  if (l.table !== undefined && l.row !== undefined) return `${report.source.path}:t${l.table + 1}r${l.row + 1}c${(l.column ?? 0) + 1}`;
  if (l.paragraph !== undefined) return `${report.source.path}:¶${l.paragraph + 1}`;
  return report.source.path;
}

const order = (f: Finding) => f.loc?.line ?? f.loc?.page ?? (f.loc?.row !== undefined ? f.loc.row : Number.MAX_SAFE_INTEGER);

/** How many findings of each severity, and how many files could not be read. */
export interface DiagnosticCounts {
  errors: number;
  warnings: number;
  infos: number;
  unreadable: number;
}

/** Counts of nothing yet, to add files' counts to. */
export const noCounts = (): DiagnosticCounts => ({ errors: 0, warnings: 0, infos: 0, unreadable: 0 });

/** One file's counts. */
export function countsOf(r: ParseResult): DiagnosticCounts {
  const counts = noCounts();
  if (isReadError(r)) counts.unreadable = 1;
  else {
    for (const f of r.findings) {
      if (f.severity === 'error') counts.errors++;
      else if (f.severity === 'warning') counts.warnings++;
      else counts.infos++;
    }
  }
  return counts;
}

/** Adds `n` to the running totals `to`. */
export function addCounts(to: DiagnosticCounts, n: DiagnosticCounts): void {
  to.errors += n.errors;
  to.warnings += n.warnings;
  to.infos += n.infos;
  to.unreadable += n.unreadable;
}

/** One file's diagnostics: a line per finding (in source order, with the excerpt under it), or the read error. */
export function diagnosticLines(r: ParseResult, opts: DiagnosticOptions): string[] {
  const c = pc.createColors(opts.color);
  if (isReadError(r)) return [`${c.bold(r.source.path)}  ${c.red('error  ')}  ${c.bold(r.error.code)}  ${r.error.message}`];
  const sev = (s: Finding['severity']) => (s === 'error' ? c.red('error  ') : s === 'warning' ? c.yellow('warning') : c.blue('info   '));
  const out: string[] = [];
  for (const f of [...r.findings].sort((a, b) => order(a) - order(b))) {
    out.push(`${c.bold(place(r, f))}  ${sev(f.severity)}  ${c.bold(f.code)}  ${f.message}`);
    if (f.excerpt) out.push(c.dim(`    │ ${f.excerpt.replace(/\s+/g, ' ').slice(0, 160)}`));
  }
  return out;
}

/** The last line: how many files, errors, warnings, infos (and unreadable files), coloured by the worst. */
export function diagnosticSummary(files: number, n: DiagnosticCounts, opts: DiagnosticOptions): string {
  const c = pc.createColors(opts.color);
  const summary = `${files} file${files === 1 ? '' : 's'}: ${n.errors} error${n.errors === 1 ? '' : 's'}, ${n.warnings} warning${n.warnings === 1 ? '' : 's'}, ${n.infos} info${n.unreadable ? `, ${n.unreadable} unreadable` : ''}`;
  return n.errors || n.unreadable ? c.red(c.bold(`✖ ${summary}`)) : n.warnings ? c.yellow(c.bold(`⚠ ${summary}`)) : c.green(c.bold(`✔ ${summary}`));
}

export function renderDiagnostics(results: ParseResult[], opts: DiagnosticOptions): string {
  const total = noCounts();
  const out: string[] = [];
  for (const r of results) {
    for (const line of diagnosticLines(r, opts)) out.push(line);
    addCounts(total, countsOf(r));
  }
  out.push('', diagnosticSummary(results.length, total, opts));
  return out.join('\n');
}
