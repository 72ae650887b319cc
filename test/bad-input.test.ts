/**
 * Bad input gets a clear error — never a crash, a stack trace or a hang. Each case is checked
 * through the library and, for the one-line stderr and the exit code, through the CLI process.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBuffer, parsePath } from '../src/pipeline.js';
import { readPath } from '../src/read/index.js';
import { FIXTURES, runCli } from './helpers.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gongkai-bad-'));
});
afterAll(() => undefined);

/** A valid 1×1 PNG. */
function png(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4); // readers must reject the file before checking CRCs
    return Buffer.concat([len, Buffer.from(type), data, crc]);
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.from([0, 255, 0, 0]))), chunk('IEND', Buffer.alloc(0))]);
}

const errorOf = async (data: Buffer, name: string) => {
  const out = await parseBuffer(data, name);
  return 'error' in out ? out.error : null;
};

describe('bad input', () => {
  it('an empty file', async () => {
    expect((await errorOf(Buffer.alloc(0), 'empty.txt'))?.code).toBe('EMPTY');
    expect((await errorOf(Buffer.from('  \n\n \t'), 'blank.txt'))?.code).toBe('EMPTY');
  });

  it('random binary data', async () => {
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + 13) % 256;
    expect((await errorOf(bytes, 'random.txt'))?.code).toBe('BINARY');
  });

  it('a PNG renamed .txt', async () => {
    const e = await errorOf(png(), 'report.txt');
    expect(e?.code).toBe('BINARY');
    expect(e?.message).toMatch(/image/);
  });

  it('a 50 MB text file is refused quickly, before it is read', async () => {
    const big = join(dir, 'big.txt');
    const line = '一、总体情况 本年度共收到政府信息公开申请 12 件。\n';
    writeFileSync(big, line.repeat(Math.ceil((50 * 1024 * 1024) / Buffer.byteLength(line))));
    const t = Date.now();
    const out = await parsePath(big);
    expect('error' in out && out.error.code).toBe('TOO_LARGE');
    expect(Date.now() - t).toBeLessThan(2000);
  });

  it('a large but admissible text (8 MB of prose) finishes within seconds', async () => {
    const text = readFileSync(join(FIXTURES, 'seeds', '000_c47e9c5f12649720.txt'), 'utf8');
    const prose = '我委继续深入贯彻实施条例，共办理各类事项 35 件，较上年增长 3 件。'.repeat(120000);
    const t = Date.now();
    const out = await parseBuffer(Buffer.from(`${text}\n${prose}`), 'long.txt');
    expect('error' in out).toBe(false);
    expect(Date.now() - t).toBeLessThan(20000);
  });

  it('a truncated HTML page still yields what it holds and says what is missing', async () => {
    const html = readFileSync(join(FIXTURES, 'real', 'pingtan-2021.html'), 'utf8');
    const cut = html.slice(0, html.indexOf('四、结转下年度继续办理'));
    const out = await parseBuffer(Buffer.from(cut), 'truncated.html');
    if ('error' in out) throw new Error(`unexpected error ${out.error.code}`);
    expect(out.meta.year).toBe(2021);
    expect(out.table2?.normativeDocuments?.inForce).toBe(665);
    const codes = out.findings.map((f) => f.code);
    expect(codes).toContain('TABLE_MISSING'); // 表四 is gone
  });

  it('a document that is not an annual report', async () => {
    const text = '关于开展春季植树活动的通知\n各科室：\n为美化环境，定于三月十二日组织植树活动，请各科室积极参加。\n办公室\n2024年3月1日\n';
    const e = await errorOf(Buffer.from(text), 'notice.txt');
    expect(e?.code).toBe('NOT_A_REPORT');
  });

  it('a report with no tables at all is a report with template "unknown" and findings', async () => {
    const text = [
      '某某县交通运输局2022年政府信息公开工作年度报告',
      '一、总体情况',
      '2022年，我局认真贯彻落实《中华人民共和国政府信息公开条例》。',
      '五、存在的主要问题及改进情况',
      '公开的及时性有待提高。',
      '六、其他需要报告的事项',
      '无。',
    ].join('\n');
    const out = await parseBuffer(Buffer.from(text), 'no-tables.txt');
    if ('error' in out) throw new Error(out.error.message);
    expect(out.meta.template).toBe('unknown');
    expect(out.table2).toBeNull();
    expect(out.table3).toBeNull();
    const missing = out.findings.filter((f) => f.code === 'TABLE_MISSING');
    expect(missing.map((f) => f.paths)).toEqual([['table2'], ['table3'], ['table4']]);
    expect(missing.every((f) => f.severity === 'error')).toBe(true);
  });

  it('a file that does not exist', async () => {
    const out = await parsePath(join(dir, 'nope.txt'));
    expect('error' in out && out.error.code).toBe('NOT_FOUND');
  });

  it('a directory', async () => {
    const out = await parsePath(dir);
    expect('error' in out && out.error).toEqual({ code: 'UNSUPPORTED_FORMAT', message: `${dir} is a directory` });
  });

  it('a file whose size the system does not know (a /proc file reads as 0 bytes long) is read to its end', async () => {
    // Linux: CI and the machines this runs on
    const doc = await readPath('/proc/self/status');
    expect(doc.source.bytes).toBeGreaterThan(100);
    expect(doc.lines.at(0)).toMatch(/^Name:\t/);
    expect(doc.lines.at(-2)).toMatch(/^nonvoluntary_ctxt_switches:/);
  });

  describe('through the CLI', () => {
    it('text mode: one clear line on stderr, exit 1, no stack trace', () => {
      const f = join(dir, 'picture.txt');
      writeFileSync(f, png());
      const r = runCli(['parse', f]);
      expect(r.status).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/picture\.txt: .*image.*\[BINARY\]/);
      expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
    });

    it('json mode: {source, error:{code, message}} and the run goes on', () => {
      const empty = join(dir, 'empty.txt');
      writeFileSync(empty, '');
      const good = join(FIXTURES, 'seeds', '000_c47e9c5f12649720.txt');
      const r = runCli(['parse', empty, good, '--format', 'jsonl']);
      expect(r.status).toBe(1);
      const [a, b] = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
      expect(a.error.code).toBe('EMPTY');
      expect(a.source.path).toBe(empty);
      expect(b.meta.agency).toBe('乌苏市卫生健康委员会');
    });
  });
});

describe('malformed HTML', () => {
  it('unclosed quotes, tags and comments in a large page end quickly with what can be read', async () => {
    const junk = '<div class="a><span title=\'x>text < more <b>bold</i> &amp; &nbsp;&#20013;&#x6587; <!-- open comment '.repeat(2000);
    const report = readFileSync(join(FIXTURES, 'real', 'pingtan-2021.html'), 'utf8');
    const t = Date.now();
    const out = await parseBuffer(Buffer.from(junk + report), 'broken.html');
    expect(Date.now() - t).toBeLessThan(5000);
    // the comment opened in the junk ends at the page's own first "-->", as in a browser, and the
    // report after it is read
    if ('error' in out) throw new Error(out.error.message);
    expect(out.table3?.newReceived?.total).toBe(70);
  });

  it('an unclosed <select> does not hide the report after it', async () => {
    const report = readFileSync(join(FIXTURES, 'real', 'pingtan-2021.html'), 'utf8').replace('<body', '<select><option>x</body><body');
    const out = await parseBuffer(Buffer.from(report), 'select.html');
    if ('error' in out) throw new Error(out.error.message);
    expect(out.table3?.newReceived?.total).toBe(70);
  });
});
