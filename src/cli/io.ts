/** Shared plumbing of the commands: reading inputs (files and `-` for standard input), output formats. */
import type { ParseResult } from '../model/report.js';
import { isReadError } from '../model/report.js';
import { parseBuffer, parsePath, type ParseOptions } from '../pipeline.js';

export type OutputFormat = 'text' | 'json' | 'jsonl';

export class UsageError extends Error {}

export function outputFormat(value: string, allowed: OutputFormat[] = ['text', 'json', 'jsonl']): OutputFormat {
  if (!allowed.includes(value as OutputFormat)) throw new UsageError(`unknown format "${value}" (use ${allowed.join(', ')})`);
  return value as OutputFormat;
}

export function parseSize(value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]?)i?b?$/i.exec(value.trim());
  if (!m) throw new UsageError(`cannot read the size "${value}" (e.g. 32MB)`);
  const mult = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Math.round(Number(m[1]) * mult);
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Parses every input in argument order; `-` reads standard input once. */
export async function parseInputs(inputs: string[], options: ParseOptions): Promise<ParseResult[]> {
  const out: ParseResult[] = [];
  for (const input of inputs) out.push(input === '-' ? await parseBuffer(await readStdin(), '-', options) : await parsePath(input, options));
  return out;
}

export function writeJson(results: ParseResult[], format: 'json' | 'jsonl'): void {
  if (format === 'jsonl') for (const r of results) process.stdout.write(`${JSON.stringify(r)}\n`);
  else process.stdout.write(`${JSON.stringify(results.length === 1 ? results[0] : results, null, 2)}\n`);
}

export function reportErrorsToStderr(results: ParseResult[]): void {
  for (const r of results) if (isReadError(r)) process.stderr.write(`gongkai: ${r.source.path}: ${r.error.message} [${r.error.code}]\n`);
}
