/**
 * .doc/.wps through LibreOffice. The .doc fixtures (LibreOffice "MS Word 97" exports of DOCX
 * fixtures) must come out exactly as their expected JSON. When soffice is not installed these
 * tests may skip, unless GONGKAI_REQUIRE_SOFFICE is set (CI installs LibreOffice and sets it).
 * The process handling (timeout, missing output, temporary files) is tested with stand-in
 * converter scripts, so it runs everywhere.
 */
import { accessSync, chmodSync, constants, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePath } from '../src/pipeline.js';
import { readDocx } from '../src/read/docx.js';
import { convertLegacyWord } from '../src/read/legacy-word.js';
import { diffExpected, fixtureCases, FIXTURES } from './helpers.js';

function sofficeInstalled(): boolean {
  const candidates = process.env.GONGKAI_SOFFICE
    ? [process.env.GONGKAI_SOFFICE]
    : (process.env.PATH ?? '').split(delimiter).flatMap((d) => (d ? [join(d, 'soffice'), join(d, 'libreoffice')] : []));
  return candidates.some((c) => {
    try {
      accessSync(c, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

const required = !!process.env.GONGKAI_REQUIRE_SOFFICE;
const installed = sofficeInstalled();
const withSoffice = installed || required ? it : it.skip;

const scratch = mkdtempSync(join(tmpdir(), 'gongkai-legacy-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs `fn` with the temporary directory pointed at an empty folder, which must stay empty. */
async function inFreshTmp<T>(fn: () => Promise<T>): Promise<{ result: T; left: string[] }> {
  const tmp = mkdtempSync(join(scratch, 'tmp-'));
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = tmp;
  try {
    const result = await fn();
    return { result, left: readdirSync(tmp) };
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
}

const docCases = fixtureCases((f) => f.endsWith('.doc') && !f.includes(join('docx', 'bad')));

describe('.doc and .wps through LibreOffice', () => {
  it('has the .doc fixtures', () => {
    expect(docCases.map((c) => c.name).sort()).toEqual(['003_b7d93dd1867ccdfc.doc', 'pingtan-2021.doc']);
    // the fixtures are real Word 97–2003 files (OLE compound documents), not renamed DOCX
    for (const c of docCases) expect([...readFileSync(c.source).subarray(0, 4)]).toEqual([0xd0, 0xcf, 0x11, 0xe0]);
  });

  it('LibreOffice is available, as GONGKAI_REQUIRE_SOFFICE demands', () => {
    if (required) expect(installed).toBe(true);
  });

  for (const c of docCases) {
    withSoffice(`${c.name} converts and comes out as expected, leaving no temporary files`, async () => {
      const { result, left } = await inFreshTmp(() => parsePath(c.source) as Promise<any>);
      expect(result.error).toBeUndefined();
      expect(result.source.format).toBe('doc');
      expect(diffExpected(result, c.expected)).toEqual([]);
      expect(left).toEqual([]);
    });
  }

  withSoffice('a .wps file (WPS Office, Word 97 format inside) is read and reported as wps', async () => {
    const file = join(scratch, 'report.wps');
    writeFileSync(file, readFileSync(join(FIXTURES, 'docx', 'pingtan-2021.doc')));
    const out: any = await parsePath(file);
    expect(out.error).toBeUndefined();
    expect(out.source.format).toBe('wps');
    expect(out.table3.newReceived.total).toBe(70);
    expect(out.table2.fees.amount).toBe(24252.311082);
  });
});

describe('the conversion process', () => {
  const data = readFileSync(join(FIXTURES, 'docx', 'pingtan-2021.doc'));
  const source = { path: 'report.doc', format: 'doc' };
  const read = (docx: Buffer, src: typeof source) => readDocx(docx, src);

  function script(name: string, body: string): string {
    const file = join(scratch, name);
    writeFileSync(file, `#!/bin/sh\n${body}\n`);
    chmodSync(file, 0o755);
    return file;
  }
  async function withConverter<T>(path: string, fn: () => Promise<T>): Promise<T> {
    const saved = process.env.GONGKAI_SOFFICE;
    process.env.GONGKAI_SOFFICE = path;
    try {
      return await fn();
    } finally {
      if (saved === undefined) delete process.env.GONGKAI_SOFFICE;
      else process.env.GONGKAI_SOFFICE = saved;
    }
  }
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
    } catch {
      return false;
    }
    // a killed process may linger as a zombie until it is reaped
    const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
    return !/^\d+ \(.*\) Z/.test(stat);
  };

  it('a converter that hangs is killed with its whole process group: TIMEOUT', async () => {
    const pidFile = join(scratch, 'sleeper.pid');
    const hang = script('hang.sh', `sleep 30 &\necho $! > "${pidFile}"\nwait`);
    const started = Date.now();
    const { result, left } = await inFreshTmp(() => withConverter(hang, () => convertLegacyWord(data, source, read, { timeoutMs: 1000 }).then(() => null, (e) => e)));
    expect(result).toMatchObject({ code: 'TIMEOUT', message: 'LibreOffice did not finish converting the file within 1 s' });
    expect(Date.now() - started).toBeLessThan(8000);
    const sleeper = Number(readFileSync(pidFile, 'utf8'));
    expect(sleeper).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 200));
    expect(alive(sleeper)).toBe(false);
    expect(left).toEqual([]);
  });

  it('a converter that produces nothing: CORRUPT, and the temporary files are removed', async () => {
    const fail = script('fail.sh', 'echo "Error: source file could not be loaded"\nexit 0');
    const { result, left } = await inFreshTmp(() => withConverter(fail, () => convertLegacyWord(data, source, read).then(() => null, (e) => e)));
    expect(result).toMatchObject({ code: 'CORRUPT' });
    expect(result.message).toMatch(/LibreOffice could not convert/);
    expect(left).toEqual([]);
  });

  it('gets the arguments LibreOffice needs: headless, its own profile, DOCX into an output folder', async () => {
    const argsFile = join(scratch, 'args.txt');
    const record = script('record.sh', `printf '%s\\n' "$@" > "${argsFile}"`);
    await withConverter(record, () => convertLegacyWord(data, source, read).catch(() => null));
    const args = readFileSync(argsFile, 'utf8').trim().split('\n');
    expect(args).toContain('--headless');
    expect(args).toContain('--norestore');
    expect(args.some((a) => /^-env:UserInstallation=file:\/\/\/.+\/profile$/.test(a))).toBe(true);
    expect(args.slice(args.indexOf('--convert-to'), args.indexOf('--convert-to') + 2)).toEqual(['--convert-to', 'docx:MS Word 2007 XML']);
    expect(args[args.length - 1]).toMatch(/input\.doc$/);
  });

  it('GONGKAI_SOFFICE pointing nowhere is CONVERTER_MISSING', async () => {
    const result: any = await withConverter('/nonexistent', () => convertLegacyWord(data, source, read).then(() => null, (e) => e));
    expect(result.code).toBe('CONVERTER_MISSING');
    expect(result.message).toMatch(/GONGKAI_SOFFICE is set to \/nonexistent/);
    expect(result.message).toMatch(/apt-get install libreoffice-writer-nogui/);
  });
});
