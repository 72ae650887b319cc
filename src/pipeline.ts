/**
 * The pipeline in one place: read → recognise → check. Everything that parses a file (the CLI,
 * the corpus workers, the server) goes through here.
 */
import type { ParseResult, Report, SourceInfo } from './model/report.js';
import { ReadFailure, type SourceDocument } from './read/document.js';
import { readBytes, readPath, type ReadOptions } from './read/index.js';
import { recognise } from './recognise/index.js';
import { runRules, type RuleSelection } from './check/engine.js';

export interface ParseOptions extends ReadOptions {
  rules?: RuleSelection;
}

export function analyse(doc: SourceDocument, options: ParseOptions = {}): Report {
  const { report, notes } = recognise(doc);
  // the source lines are only read for excerpts; an HTML document decodes them on first use
  report.findings = runRules(
    {
      report,
      notes,
      get lines() {
        return doc.lines;
      },
    },
    options.rules,
  );
  return report;
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

function formatOf(path: string): string {
  const m = /\.([A-Za-z0-9]+)$/.exec(path);
  return m ? m[1].toLowerCase() : 'unknown';
}
