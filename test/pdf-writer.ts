/**
 * Tiny PDFs written by hand for the PDF tests (no PDF library is installed, and none is needed):
 * pages of positioned text and ruling lines, an inline image, many blank pages, and the standard
 * security handler (RC4, 40-bit) — with a user password, or with only an owner password (which
 * every reader opens without asking).
 *
 * Fonts: `latin` is Helvetica (ASCII); `cjk` is a Type0 font with Identity-H and a ToUnicode
 * CMap, so any Unicode text (also Kangxi radicals) can be written; `gb` is a Type0 font with the
 * predefined UniGB-UCS2-H CMap and no ToUnicode, which a reader can only decode with the Adobe
 * CJK CMap files.
 */
import { createHash } from 'node:crypto';

export type FontName = 'latin' | 'cjk' | 'gb';

export interface PageSpec {
  width?: number;
  height?: number;
  /** Drawing operations, in PDF user space (origin bottom-left). */
  ops: Op[];
}

export type Op =
  | { text: string; x: number; y: number; size?: number; font?: FontName }
  | { line: [number, number, number, number]; width?: number }
  | { image: { x: number; y: number; w: number; h: number } };

export interface WriteOptions {
  /** Encrypt with RC4 40-bit: `user` '' means only an owner password (opens without asking). */
  encrypt?: { user: string; owner: string };
}

const PAD = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');

export function writePdf(pages: PageSpec[], options: WriteOptions = {}): Buffer {
  // the cjk font's code for each character (CID = 1, 2, … in order of first use)
  const cids = new Map<string, number>();
  for (const p of pages) for (const op of p.ops) if ('text' in op && op.font === 'cjk') for (const ch of op.text) if (!cids.has(ch)) cids.set(ch, cids.size + 1);

  const objects: (string | Buffer)[] = [];
  const add = (body: string | Buffer) => {
    objects.push(body);
    return objects.length;
  };
  const catalog = add('');
  const pagesObj = add('');
  const latin = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const cjkDesc = add(
    '<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor << /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >> /DW 1000 >>',
  );
  const toUnicode = add(stream(toUnicodeCMap(cids)));
  const cjk = add(`<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [${cjkDesc} 0 R] /ToUnicode ${toUnicode} 0 R >>`);
  const gbDesc = add(
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor << /Type /FontDescriptor /FontName /STSong-Light /Flags 4 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >> /DW 1000 >>',
  );
  const gb = add(`<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light-UniGB-UCS2-H /Encoding /UniGB-UCS2-H /DescendantFonts [${gbDesc} 0 R] >>`);
  const kids: number[] = [];
  for (const p of pages) {
    const content = add(stream(contentOf(p, cids)));
    kids.push(
      add(
        `<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 ${p.width ?? 595} ${p.height ?? 842}] /Resources << /Font << /F1 ${latin} 0 R /F2 ${cjk} 0 R /F3 ${gb} 0 R >> >> /Contents ${content} 0 R >>`,
      ),
    );
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objects[pagesObj - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;

  const id = createHash('md5').update(`gongkai-test-${pages.length}`).digest();
  let encryptRef = '';
  let objectKey: ((num: number) => Buffer) | null = null;
  if (options.encrypt) {
    const { dict, key } = standardSecurity(options.encrypt.user, options.encrypt.owner, id);
    objectKey = (num) => createHash('md5').update(Buffer.concat([key, Buffer.from([num & 255, (num >> 8) & 255, (num >> 16) & 255, 0, 0])])).digest().subarray(0, key.length + 5);
    encryptRef = ` /Encrypt ${add(dict)} 0 R`;
  }

  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = chunks[0].length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    const num = i + 1;
    let data = typeof body === 'string' ? Buffer.from(body, 'latin1') : body;
    // stream data is encrypted with the object's key (no object here holds a string)
    if (objectKey && Buffer.isBuffer(body)) data = encryptStream(body, objectKey(num));
    const chunk = Buffer.concat([Buffer.from(`${num} 0 obj\n`, 'latin1'), data, Buffer.from('\nendobj\n', 'latin1')]);
    offsets.push(offset);
    offset += chunk.length;
    chunks.push(chunk);
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  const hex = id.toString('hex');
  chunks.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R /ID [<${hex}> <${hex}>]${encryptRef} >>\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(chunks);
}

/** A stream object body: dictionary with its length, then the data. */
function stream(data: string | Buffer): Buffer {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
  return Buffer.concat([Buffer.from(`<< /Length ${bytes.length} >>\nstream\n`, 'latin1'), bytes, Buffer.from('\nendstream', 'latin1')]);
}

/** Re-encrypts the data part of a stream object body (the /Length stays the same with RC4). */
function encryptStream(body: Buffer, key: Buffer): Buffer {
  const s = body.toString('latin1');
  const start = s.indexOf('stream\n') + 'stream\n'.length;
  const end = s.lastIndexOf('\nendstream');
  return Buffer.concat([body.subarray(0, start), rc4(key, body.subarray(start, end)), body.subarray(end)]);
}

function contentOf(page: PageSpec, cids: Map<string, number>): string {
  const out: string[] = [];
  for (const op of page.ops) {
    if ('text' in op) {
      const font = op.font ?? 'latin';
      const size = op.size ?? 10;
      out.push(`BT /${font === 'latin' ? 'F1' : font === 'cjk' ? 'F2' : 'F3'} ${size} Tf ${op.x} ${op.y} Td ${encodeText(op.text, font, cids)} Tj ET`);
    } else if ('line' in op) {
      const [x0, y0, x1, y1] = op.line;
      out.push(`${op.width ?? 0.5} w ${x0} ${y0} m ${x1} ${y1} l S`);
    } else {
      const { x, y, w, h } = op.image;
      // a 2×2 grey inline image, scaled up
      out.push(`q ${w} 0 0 ${h} ${x} ${y} cm BI /W 2 /H 2 /CS /G /BPC 8 ID \x00\x80\x80\xff EI Q`);
    }
  }
  return out.join('\n');
}

function encodeText(text: string, font: FontName, cids: Map<string, number>): string {
  if (font === 'latin') return `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;
  if (font === 'cjk') return `<${[...text].map((ch) => cids.get(ch)!.toString(16).padStart(4, '0')).join('')}>`;
  return `<${Buffer.from(text, 'utf16le').swap16().toString('hex')}>`;
}

function toUnicodeCMap(cids: Map<string, number>): string {
  const entries = [...cids].map(([ch, cid]) => `<${cid.toString(16).padStart(4, '0')}> <${Buffer.from(ch, 'utf16le').swap16().toString('hex')}>`);
  const chunks: string[] = [];
  for (let i = 0; i < entries.length; i += 100) chunks.push(`${Math.min(100, entries.length - i)} beginbfchar\n${entries.slice(i, i + 100).join('\n')}\nendbfchar`);
  return [
    '/CIDInit /ProcSet findresource begin 12 dict begin begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def /CMapName /Adobe-Identity-UCS def /CMapType 2 def',
    '1 begincodespacerange <0000> <FFFF> endcodespacerange',
    ...chunks,
    'endcmap CMapName currentdict /CMap defineresource pop end end',
  ].join('\n');
}

/** The standard security handler, revision 2 (RC4, 40-bit): /Encrypt dictionary and file key. */
function standardSecurity(user: string, owner: string, id: Buffer): { dict: string; key: Buffer } {
  const pad = (pw: string) => Buffer.concat([Buffer.from(pw, 'latin1'), PAD]).subarray(0, 32);
  const ownerKey = createHash('md5').update(pad(owner || user)).digest().subarray(0, 5);
  const O = rc4(ownerKey, pad(user));
  const P = -44; // print, no copying
  const p = Buffer.alloc(4);
  p.writeInt32LE(P);
  const key = createHash('md5').update(Buffer.concat([pad(user), O, p, id])).digest().subarray(0, 5);
  const U = rc4(key, PAD);
  return { dict: `<< /Filter /Standard /V 1 /R 2 /O <${O.toString('hex')}> /U <${U.toString('hex')}> /P ${P} >>`, key };
}

function rc4(key: Buffer, data: Buffer): Buffer {
  const s = Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i] + key[i % key.length]) & 255;
    [s[i], s[j]] = [s[j], s[i]];
  }
  const out = Buffer.alloc(data.length);
  for (let k = 0, i = 0, j = 0; k < data.length; k++) {
    i = (i + 1) & 255;
    j = (j + s[i]) & 255;
    [s[i], s[j]] = [s[j], s[i]];
    out[k] = data[k] ^ s[(s[i] + s[j]) & 255];
  }
  return out;
}

/** A PDF of `count` blank pages (for the page limit). */
export function blankPages(count: number): Buffer {
  return writePdf(Array.from({ length: count }, () => ({ ops: [] })));
}
