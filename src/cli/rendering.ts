/**
 * One file's output as `parse` and `check` print it, made where the file was parsed — in a
 * worker, for a large batch (batch.ts) — so that the thread writing the output only writes. The
 * same function runs when a batch is parsed on this thread: the bytes printed do not depend on
 * the number of threads.
 */
import { isReadError, type ParseResult } from '../model/report.js';
import { countsOf, diagnosticLines, type DiagnosticCounts } from '../render/diagnostics.js';
import { renderReportText } from '../render/text.js';

export type Rendering =
  /** parse --format text: the readable tables; a file that cannot be read is a line on stderr. */
  | { kind: 'report-text' }
  /** check --format text: compiler-style diagnostics (the summary is the command's). */
  | { kind: 'diagnostics'; color: boolean }
  /** JSON of the result: one line (jsonl), or indented by 2 — and by 2 more as an element of the array `json` prints for several files. */
  | { kind: 'json'; pretty: boolean; inArray: boolean };

/** `json` and `jsonl` output of `files` files. */
export const jsonRendering = (format: 'json' | 'jsonl', files: number): Rendering => ({ kind: 'json', pretty: format === 'json', inArray: format === 'json' && files > 1 });

export interface Rendered extends DiagnosticCounts {
  /** What goes to standard output for this file, each line ended ('' for nothing). */
  out: string;
  /** The file could not be read as a report, and why (parse --format text says so on stderr). */
  failure: { path: string; code: string; message: string } | null;
}

export function renderResult(r: ParseResult, how: Rendering): Rendered {
  const counts = countsOf(r);
  const failure = isReadError(r) ? { path: r.source.path, code: r.error.code, message: r.error.message } : null;
  switch (how.kind) {
    case 'report-text':
      return { ...counts, failure, out: isReadError(r) ? '' : `${renderReportText(r)}\n` };
    case 'diagnostics':
      return { ...counts, failure, out: diagnosticLines(r, { color: how.color }).map((line) => `${line}\n`).join('') };
    case 'json': {
      if (!how.pretty) return { ...counts, failure, out: `${JSON.stringify(r)}\n` };
      // JSON strings hold no raw line breaks: indenting every line indents the element as JSON.stringify(array, null, 2) does
      const text = JSON.stringify(r, null, 2);
      return { ...counts, failure, out: how.inArray ? `  ${text.replaceAll('\n', '\n  ')}` : `${text}\n` };
    }
  }
}
