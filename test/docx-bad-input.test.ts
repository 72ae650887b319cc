/**
 * Bad Word input ends in one clear ReadFailure, quickly and in bounded memory: truncated and
 * corrupt archives, ZIPs that are not Word documents, ZIP bombs (honest and lying headers),
 * password-protected .docx and .doc, empty and image-only documents, documents declaring millions
 * of paragraphs or cells, damaged XML, .doc without LibreOffice.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePath } from '../src/pipeline.js';
import { ReadFailure } from '../src/read/document.js';
import { MAX_DOCUMENT_XML, readDocx } from '../src/read/docx.js';
import { deflateBomb, docx, p, rawDocx, tbl, tr } from './docx-builder.js';
import { FIXTURES, runCli } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'gongkai-bad-docx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const good = readFileSync(join(FIXTURES, 'docx', 'pingtan-2021.docx'));

async function parseBytes(name: string, data: Uint8Array, env: Record<string, string> = {}) {
  const file = join(dir, name);
  writeFileSync(file, data);
  const saved: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  try {
    return (await parsePath(file)) as any;
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

describe('bad DOCX input', () => {
  it('a truncated DOCX is CORRUPT', async () => {
    for (const cut of [0.5, 0.95, 0.999]) {
      const out = await parseBytes('truncated.docx', good.subarray(0, Math.floor(good.length * cut)));
      expect(out.error.code).toBe('CORRUPT');
      expect(out.error.message).toMatch(/damaged or truncated/);
    }
  });

  it('garbage after a ZIP signature is CORRUPT', async () => {
    const junk = Buffer.alloc(4096, 0x41);
    junk.write('PK\u0003\u0004', 0, 'latin1');
    expect((await parseBytes('junk.docx', junk)).error.code).toBe('CORRUPT');
  });

  it('a document.xml whose deflate data is damaged is CORRUPT', async () => {
    const broken = rawDocx({ name: 'word/document.xml', data: new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x00, 0x13]), method: 8, declaredSize: 1000 });
    const out = await parseBytes('broken-deflate.docx', broken);
    expect(out.error.code).toBe('CORRUPT');
    expect(out.error.message).toMatch(/word\/document\.xml does not inflate/);
  });

  it('a ZIP that is not a Word document is UNSUPPORTED_FORMAT', async () => {
    const zip = zipSync({ 'readme.txt': strToU8('hello'), 'data/report.csv': strToU8('a,b\n1,2\n') });
    const asZip = await parseBytes('archive.zip', zip);
    expect(asZip.error).toEqual({ code: 'UNSUPPORTED_FORMAT', message: 'the file is a ZIP archive but not a Word document' });
    const asDocx = await parseBytes('archive.docx', zip);
    expect(asDocx.error.code).toBe('UNSUPPORTED_FORMAT');
    expect(asDocx.error.message).toMatch(/not a Word document/);
  });

  it('an Excel workbook (an OOXML package of another kind) is UNSUPPORTED_FORMAT', async () => {
    const xlsx = zipSync({
      '[Content_Types].xml': strToU8('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
      '_rels/.rels': strToU8(
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
      ),
      'xl/workbook.xml': strToU8('<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>'),
    });
    expect((await parseBytes('book.zip', xlsx)).error).toEqual({ code: 'UNSUPPORTED_FORMAT', message: 'the file is a ZIP archive but not a Word document' });
  });

  it('a ZIP bomb is TOO_LARGE within seconds, whether its headers tell the truth or lie', async () => {
    const bomb = deflateBomb(1024 * 1024 * 1024); // 1 GiB of spaces in a few MB
    expect(bomb.length).toBeLessThan(8 * 1024 * 1024);
    for (const declaredSize of [1024 * 1024 * 1024, 1000]) {
      const started = Date.now();
      const before = process.memoryUsage().rss;
      const out = await parseBytes('bomb.docx', rawDocx({ name: 'word/document.xml', data: bomb, method: 8, declaredSize }));
      expect(out.error.code).toBe('TOO_LARGE');
      expect(out.error.message).toMatch(/word\/document\.xml would inflate beyond the limit of 64 MiB/);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(process.memoryUsage().rss - before).toBeLessThan(4 * MAX_DOCUMENT_XML);
    }
  });

  it('a stored (uncompressed) entry is held to the same limit', async () => {
    // the limit is checked on the entry size, so a small stand-in limit is enough to test it
    const data = strToU8('x'.repeat(1000));
    const file = rawDocx({ name: 'word/document.xml', data, method: 0, declaredSize: data.length });
    const { ZipArchive } = await import('../src/read/zip.js');
    const zip = new ZipArchive(file);
    expect(() => zip.read(zip.find('word/document.xml')!, 999)).toThrow(/would inflate beyond the limit/);
    expect(zip.read(zip.find('word/document.xml')!, 1000)).toHaveLength(1000);
  });

  it('an archive listing more entries than any Word document has is TOO_LARGE', async () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i <= 10_000; i++) files[`f${i}`] = new Uint8Array(0);
    const out = await parseBytes('many.docx', zipSync(files, { level: 0 }));
    expect(out.error.code).toBe('TOO_LARGE');
    expect(out.error.message).toMatch(/10001 entries/);
  });

  it('a password-protected DOCX is ENCRYPTED', async () => {
    // saved by LibreOffice with a password: an OLE container with an EncryptedPackage stream
    const out: any = await parsePath(join(FIXTURES, 'docx', 'bad', 'password.docx'));
    expect(out.error).toEqual({ code: 'ENCRYPTED', message: 'the document is password-protected; remove the password and try again' });
  });

  it('a password-protected .doc is ENCRYPTED, detected before any conversion', async () => {
    const data = readFileSync(join(FIXTURES, 'docx', 'bad', 'password.doc'));
    const out = await parseBytes('password.doc', data, { GONGKAI_SOFFICE: '/nonexistent/soffice' });
    expect(out.error.code).toBe('ENCRYPTED');
    expect(out.error.message).toMatch(/password-protected; remove the password and try again/);
  });

  it('a ZIP whose entries are encrypted is ENCRYPTED', async () => {
    const zip = Buffer.from(docx(p('x')));
    // set bit 0 (encrypted) in every central directory record's flags
    for (let i = zip.indexOf('PK\u0001\u0002', 0, 'latin1'); i >= 0; i = zip.indexOf('PK\u0001\u0002', i + 4, 'latin1')) zip.writeUInt16LE(zip.readUInt16LE(i + 8) | 1, i + 8);
    expect((await parseBytes('zipcrypto.docx', zip)).error.code).toBe('ENCRYPTED');
  });

  it('a DOCX without text is EMPTY; one with only pictures is SCANNED', async () => {
    expect((await parseBytes('empty.docx', docx(p('') + p('')))).error.code).toBe('EMPTY');
    const picture = '<w:p><w:r><w:drawing><wp:inline><wp:extent cx="1" cy="1"/></wp:inline></w:drawing></w:r></w:p>';
    const scanned = await parseBytes('scan.docx', docx(picture + picture));
    expect(scanned.error.code).toBe('SCANNED');
    expect(scanned.error.message).toMatch(/only images/);
  });

  it('a .doc without LibreOffice is CONVERTER_MISSING with how to install it', async () => {
    const data = readFileSync(join(FIXTURES, 'docx', 'pingtan-2021.doc'));
    const out = await parseBytes('report.doc', data, { GONGKAI_SOFFICE: '/nonexistent' });
    expect(out.error.code).toBe('CONVERTER_MISSING');
    expect(out.error.message).toMatch(/LibreOffice/);
    expect(out.error.message).toMatch(/apt-get install libreoffice-writer-nogui/);
    expect(out.error.message).toMatch(/GONGKAI_SOFFICE/);
  });

  it('through the CLI: exit 1, the error code in JSON, one line on stderr in text mode, no stack trace', () => {
    const file = join(dir, 'cli-truncated.docx');
    writeFileSync(file, good.subarray(0, good.length >> 1));
    const json = runCli(['parse', file, '--format', 'json']);
    expect(json.status).toBe(1);
    const parsed = JSON.parse(json.stdout);
    const result = Array.isArray(parsed) ? parsed[0] : parsed;
    expect(result.error.code).toBe('CORRUPT');
    expect(result.source.path).toBe(file);
    const text = runCli(['parse', file]);
    expect(text.status).toBe(1);
    const lines = text.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/CORRUPT/);
    expect(text.stderr).not.toMatch(/\n\s+at /);

    const missing = runCli(['parse', join(FIXTURES, 'docx', 'pingtan-2021.doc'), '--format', 'json'], undefined, { GONGKAI_SOFFICE: '/nonexistent' });
    expect(missing.status).toBe(1);
    const m = JSON.parse(missing.stdout);
    expect((Array.isArray(m) ? m[0] : m).error.code).toBe('CONVERTER_MISSING');
  });

  it('a document.xml with millions of empty paragraphs or cells is TOO_LARGE, not an exhausted heap', async () => {
    const started = Date.now();
    await expect(readDocx(docx('<w:p/>'.repeat(600_000)), { path: 'x.docx', format: 'docx' })).rejects.toMatchObject({ code: 'TOO_LARGE', message: expect.stringMatching(/more than 500,000 paragraphs and table cells/) });
    const wide = tbl(tr('<w:tc><w:tcPr><w:gridSpan w:val="63"/></w:tcPr></w:tc>'.repeat(20)).repeat(2_000));
    await expect(readDocx(docx(wide), { path: 'x.docx', format: 'docx' })).rejects.toMatchObject({ code: 'TOO_LARGE', message: expect.stringMatching(/table grid positions/) });
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('damaged XML inside a sound archive never escapes as anything but a ReadFailure', async () => {
    const xml = Buffer.from(unzipSync(good)['word/document.xml']).toString('utf8');
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const variants: string[] = [];
    for (let i = 0; i < 25; i++) variants.push(xml.slice(0, Math.floor(random() * xml.length)));
    for (let i = 0; i < 25; i++) {
      const chars = [...xml];
      for (let k = 0; k < 50; k++) chars[Math.floor(random() * chars.length)] = '<>"/&='[Math.floor(random() * 6)];
      variants.push(chars.join(''));
    }
    variants.push('<w:tbl><w:tr><w:tc>'.repeat(20_000));
    variants.push(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${'</w:p></w:tc></w:tbl>'.repeat(10_000)}<w:p><w:r><w:t>x</w:t></w:r></w:p>`);
    variants.push('<a b="'.repeat(50_000));
    for (const variant of variants) {
      try {
        const doc = await readDocx(docx('', { documentXml: variant }), { path: 'x.docx', format: 'docx' });
        expect(Array.isArray(doc.blocks)).toBe(true);
      } catch (e) {
        expect(e).toBeInstanceOf(ReadFailure);
      }
    }
  });
});
