/**
 * `gongkai check --corpus`: the cross-report rules over a corpus database, printed like the
 * per-report check (diagnostics, or the reports with their findings as JSON). Exit 1 when any
 * finding is an error.
 */
import type { RuleSelection } from '../../check/engine.js';
import type { Report } from '../../model/report.js';
import { openCorpus } from '../corpus-store.js';
import { renderDiagnostics } from '../../render/diagnostics.js';
import { writeJson, type OutputFormat } from '../io.js';

export async function checkCorpus(db: string, rules: RuleSelection, format: OutputFormat, opts: { color?: boolean; maxWarnings?: number }): Promise<void> {
  const store = await openCorpus(db, { mustExist: true });
  const { runCorpusCheck } = await import('../../corpus/check.js');
  try {
    const result = await runCorpusCheck(store, { selection: rules, collect: true });
    const reports: Report[] = result.reports.map(({ report, findings }) => {
      const { id: _id, bodyId: _b, bodyName: _n, isPrimary: _p, ...rest } = report;
      return { ...rest, findings };
    });
    if (format === 'text') {
      const color = opts.color ?? (process.stdout.isTTY && !process.env.NO_COLOR);
      const body = renderDiagnostics(reports, { color: Boolean(color) });
      process.stdout.write(`${body.replace(/\d+ files?:/, `${result.checked} report${result.checked === 1 ? '' : 's'} checked across the corpus:`)}\n`);
    } else {
      // json/jsonl: each report with findings (source and meta) and its cross-report findings
      writeJson(reports, format);
    }
    const warnings = result.warnings;
    process.exitCode = result.errors || (opts.maxWarnings !== undefined && warnings > opts.maxWarnings) ? 1 : 0;
  } finally {
    await store.close();
  }
}
