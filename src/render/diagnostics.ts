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

export function renderDiagnostics(results: ParseResult[], opts: DiagnosticOptions): string {
  const c = pc.createColors(opts.color);
  const sev = (s: Finding['severity']) => (s === 'error' ? c.red('error  ') : s === 'warning' ? c.yellow('warning') : c.blue('info   '));
  const out: string[] = [];
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let failed = 0;
  for (const r of results) {
    if (isReadError(r)) {
      failed++;
      out.push(`${c.bold(r.source.path)}  ${c.red('error  ')}  ${c.bold(r.error.code)}  ${r.error.message}`);
      continue;
    }
    const sorted = [...r.findings].sort((a, b) => order(a) - order(b));
    for (const f of sorted) {
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warning') warnings++;
      else infos++;
      out.push(`${c.bold(place(r, f))}  ${sev(f.severity)}  ${c.bold(f.code)}  ${f.message}`);
      if (f.excerpt) out.push(c.dim(`    │ ${f.excerpt.replace(/\s+/g, ' ').slice(0, 160)}`));
    }
  }
  const files = results.length;
  const summary = `${files} file${files === 1 ? '' : 's'}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${infos} info${failed ? `, ${failed} unreadable` : ''}`;
  out.push('', errors || failed ? c.red(c.bold(`✖ ${summary}`)) : warnings ? c.yellow(c.bold(`⚠ ${summary}`)) : c.green(c.bold(`✔ ${summary}`)));
  return out.join('\n');
}
