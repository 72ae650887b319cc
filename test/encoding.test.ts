/** Government sites serve UTF-8, UTF-8 with BOM, UTF-16 (Word "Unicode text") and GBK/GB18030. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBuffer } from '../src/pipeline.js';
import { decodeText } from '../src/read/encoding.js';
import { diffExpected, FIXTURES } from './helpers.js';

const seed = join(FIXTURES, 'seeds', '003_b7d93dd1867ccdfc.txt');
const expected = JSON.parse(readFileSync(join(FIXTURES, 'seeds', '003_b7d93dd1867ccdfc.expected.json'), 'utf8'));
const text = readFileSync(seed, 'utf8');

function utf16be(s: string): Buffer {
  const le = Buffer.from(s, 'utf16le');
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
  return le;
}

describe('encodings', () => {
  const variants: [string, Buffer, string][] = [
    ['UTF-8', Buffer.from(text, 'utf8'), 'utf-8'],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), 'utf-8-bom'],
    ['UTF-16LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), 'utf-16le'],
    ['UTF-16BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(text)]), 'utf-16be'],
    ['UTF-16LE without BOM', Buffer.from(text, 'utf16le'), 'utf-16le'],
    ['GBK', readFileSync(join(FIXTURES, 'encodings', '003.gbk.txt')), 'gb18030'],
  ];
  for (const [name, bytes, encoding] of variants) {
    it(`reads a report in ${name} exactly`, async () => {
      const out = await parseBuffer(bytes, `seed-003-${name}.txt`);
      expect('error' in out).toBe(false);
      if ('error' in out) return;
      expect(out.source.encoding).toBe(encoding);
      expect(diffExpected(out, expected)).toEqual([]);
    });
  }

  it('reads a GBK HTML page that declares its charset', async () => {
    const out = await parseBuffer(readFileSync(join(FIXTURES, 'encodings', 'pingtan-2021.gbk.html')), 'pingtan-2021.gbk.html');
    if ('error' in out) throw new Error(out.error.message);
    expect(out.source.encoding).toBe('gb18030');
    const exp = JSON.parse(readFileSync(join(FIXTURES, 'real', 'pingtan-2021.expected.json'), 'utf8'));
    expect(diffExpected(out, exp)).toEqual([]);
  });

  it('decodes GBK even when nothing declares it, and never mistakes it for UTF-8', () => {
    const gbk = readFileSync(join(FIXTURES, 'encodings', '003.gbk.txt'));
    const d = decodeText(gbk);
    expect(d.encoding).toBe('gb18030');
    expect(d.text).toContain('黎平县卫生健康局');
  });
});
