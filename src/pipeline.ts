/**
 * The pipeline in one place: read → recognise → check. Everything that parses a file (the CLI,
 * the corpus workers, the server) goes through here.
 */
import type { Finding, ParseResult, Report, SourceInfo } from './model/report.js';
import { ReadFailure, type SourceDocument } from './read/document.js';
import { readBytes, readPath, type ReadOptions } from './read/index.js';
import { recognise, type Recognised } from './recognise/index.js';
import { runRules, type RuleSelection } from './check/engine.js';

export interface ParseOptions extends ReadOptions {
  rules?: RuleSelection;
}

export function analyse(doc: SourceDocument, options: ParseOptions = {}): Report {
  const recognised = recognise(doc);
  recognised.report.findings = checkRecognised(doc, recognised, options.rules);
  return recognised.report;
}

/** The rules over a recognised report; the source lines are read only for excerpts. */
export function checkRecognised(doc: SourceDocument, { report, notes }: Recognised, rules?: RuleSelection): Finding[] {
  return runRules({ report, notes, lines: doc.lines }, rules);
}

/** The result for a file that could not be read as a report: its path, and why (a code and a message). */
export function failedResult(path: string, code: string, message: string): ParseResult {
  return { source: { path, format: formatOf(path) }, error: { code, message } };
}

function failure(e: unknown, source: SourceInfo): ParseResult {
  if (e instanceof ReadFailure) return { source, error: { code: e.code, message: e.message } };
  const message = e instanceof Error ? e.message : String(e);
  return { source, error: { code: 'INTERNAL', message: `gongkai could not process the file: ${message}` } };
}

export async function parsePath(path: string, options: ParseOptions = {}): Promise<ParseResult> {
  try {
    return analyse(await readPath(path, options), options);
  } catch (e) {
    return failure(e, { path, format: formatOf(path) });
  }
}

export async function parseBuffer(data: Buffer, path: string, options: ParseOptions = {}): Promise<ParseResult> {
  try {
    return analyse(await readBytes(data, path, options), options);
  } catch (e) {
    return failure(e, { path, format: path === '-' ? 'stdin' : formatOf(path), bytes: data.length });
  }
}

/** The format a path names by its extension, for a file that could not be read ('unknown' without one). */
export function formatOf(path: string): string {
  const m = /\.([A-Za-z0-9]+)$/.exec(path);
  return m ? m[1].toLowerCase() : 'unknown';
}
