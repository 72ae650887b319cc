/**
 * Bad PDFs end in a ReadFailure with the right code, within seconds, never a crash, a hang or a
 * report that looks valid: truncated, corrupt, password-protected, too many pages, no text
 * layer, over the time budget. The inputs are made here (a fixture cut short, hand-written PDFs);
 * two go through the CLI as a process, where an unhandled rejection would end it with a stack.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseBuffer } from '../src/pipeline.js';
import { ReadFailure } from '../src/read/document.js';
import { readPdf, type PdfReadOptions } from '../src/read/pdf.js';
import { FIXTURES, runCli } from './helpers.js';
import { blankPages, writePdf } from './pdf-writer.js';

const fixture = readFileSync(join(FIXTURES, 'real', 'hongze-2023.pdf'));
const text = '本报告由淮安市人民政府办公室根据《中华人民共和国政府信息公开条例》编制，报告所列统计期限自一月一日至十二月三十一日。';
const oneLine = (pdfOptions = {}) => writePdf([{ ops: [{ text, x: 40, y: 700, size: 8, font: 'cjk' }] }], pdfOptions);

/** Reads a PDF that must fail: the failure's code and message, and how long it took. */
async function failure(data: Buffer, options: PdfReadOptions = {}): Promise<{ code: string; message: string; ms: number }> {
  const started = performance.now();
  try {
    await readPdf(data, { path: 'bad.pdf', format: 'pdf' }, options);
  } catch (e) {
    expect(e).toBeInstanceOf(ReadFailure);
    const f = e as ReadFailure;
    return { code: f.code, message: f.message, ms: performance.now() - started };
  }
  throw new Error('the PDF was read although it should not have been');
}

describe('bad PDFs', () => {
  it('a download cut short → CORRUPT (truncated)', async () => {
    const f = await failure(fixture.subarray(0, Math.floor(fixture.length * 0.6)));
    expect(f.code).toBe('CORRUPT');
    expect(f.message).toMatch(/truncated/);
    expect(f.ms).toBeLessThan(5000);
  });

  it('corrupt bytes after a PDF header → CORRUPT', async () => {
    const garbage = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(20_000, 'x0 obj <<'), Buffer.from('\n%%EOF\n')]);
    const f = await failure(garbage);
    expect(f.code).toBe('CORRUPT');
    expect(f.message).toMatch(/damaged/);
    expect(f.ms).toBeLessThan(5000);
  });

  it('a user password → ENCRYPTED', async () => {
    const f = await failure(oneLine({ encrypt: { user: 'user-secret', owner: 'owner-secret' } }));
    expect(f).toMatchObject({ code: 'ENCRYPTED', message: expect.stringMatching(/password/) });
    // the same file without the password is readable: the failure is the password, not the file
    await expect(readPdf(oneLine(), { path: 'ok.pdf', format: 'pdf' })).resolves.toMatchObject({ blocks: [{ kind: 'paragraph', text }] });
  });

  it('500 pages → TOO_LARGE before any page is read', async () => {
    const f = await failure(blankPages(500));
    expect(f.code).toBe('TOO_LARGE');
    expect(f.message).toContain('500 pages');
    expect(f.message).toContain('200');
    expect(f.ms).toBeLessThan(5000);
    // 200 blank pages are within the limit (and then have no text)
    expect((await failure(blankPages(200))).code).toBe('SCANNED');
  });

  it('a page that is only an image (a scan) → SCANNED, never an empty report', async () => {
    const f = await failure(writePdf([{ ops: [{ image: { x: 40, y: 80, w: 500, h: 700 } }] }, { ops: [{ image: { x: 40, y: 80, w: 500, h: 700 } }] }]));
    expect(f).toMatchObject({ code: 'SCANNED', message: 'the PDF has no text layer (a scan); gongkai does not do OCR' });
    // through the pipeline: an error result, not a report
    const r = await parseBuffer(writePdf([{ ops: [{ image: { x: 40, y: 80, w: 500, h: 700 } }] }]), 'scan.pdf');
    expect(r).toMatchObject({ error: { code: 'SCANNED' } });
    expect('meta' in r).toBe(false);
  });

  it('over the time budget → TIMEOUT', async () => {
    const f = await failure(fixture, { timeBudgetMs: 1 });
    expect(f.code).toBe('TIMEOUT');
    expect(f.message).toMatch(/longer than/);
    expect(f.ms).toBeLessThan(2000);
  });
});

describe('bad PDFs through the CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-pdf-bad-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, data: Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, data);
    return path;
  };

  it('parse --format json: exit 1 and the error code', () => {
    const path = file('locked.pdf', oneLine({ encrypt: { user: 'user-secret', owner: 'owner-secret' } }));
    const r = runCli(['parse', path, '--format', 'json']);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ source: { path }, error: { code: 'ENCRYPTED' } });
  });

  it('parse (text): one line on stderr, no stack trace', () => {
    const path = file('cut.pdf', fixture.subarray(0, 100_000));
    const r = runCli(['parse', path]);
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/cut\.pdf: .*truncated.* \[CORRUPT\]$/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a damaged file on which pdf.js leaves rejected promises behind: CORRUPT, not a crash', () => {
    // scramble the body of a real report (its object table still points into it)
    const damaged = Buffer.from(fixture);
    for (let i = 2000; i < damaged.length - 3000; i += 7) damaged[i] = (damaged[i] * 31 + 7) & 255;
    const r = runCli(['parse', file('damaged.pdf', damaged), '--format', 'json']);
    expect(r.stderr).not.toMatch(/Unhandled|\n\s+at /);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: 'CORRUPT' } });
  });
});
