/**
 * Hand-made DOCX packages for the reader tests: WordprocessingML snippets wrapped in the minimal
 * OPC package Word itself accepts, zipped with fflate. `rawZip` writes a ZIP whose entries and
 * headers are exactly as given (pre-deflated data, lying sizes) for the ZIP-bomb tests.
 */
import { deflateSync, strToU8, zipSync, type Zippable } from 'fflate';

export const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const NS = `xmlns:w="${W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml"`;

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`;

const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`;

export interface DocxParts {
  /** Extra parts (headers, comments …) by path. */
  extra?: Record<string, string>;
  title?: string;
  /** The whole document.xml instead of a body wrapped in the default root. */
  documentXml?: string;
}

/** A DOCX whose w:body holds `body`. */
export function docx(body: string, parts: DocxParts = {}): Buffer {
  const files: Zippable = {
    '[Content_Types].xml': strToU8(CONTENT_TYPES),
    '_rels/.rels': strToU8(RELS),
    'word/document.xml': strToU8(parts.documentXml ?? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ${NS}><w:body>${body}<w:sectPr/></w:body></w:document>`),
    'docProps/core.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">${parts.title ? `<dc:title>${parts.title}</dc:title>` : ''}<dc:creator>test</dc:creator></cp:coreProperties>`,
    ),
  };
  for (const [name, xml] of Object.entries(parts.extra ?? {})) files[name] = strToU8(xml);
  return Buffer.from(zipSync(files));
}

/** A paragraph of plain runs. */
export const p = (...runs: string[]) => `<w:p>${runs.map((t) => r(t)).join('')}</w:p>`;
/** A run with text (spaces preserved). */
export const r = (text: string) => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`;
/** A cell: `props` go into w:tcPr, `content` is paragraphs (a string becomes one paragraph). */
export const tc = (content: string, props = '') => `<w:tc><w:tcPr><w:tcW w:w="1000" w:type="dxa"/>${props}</w:tcPr>${content.startsWith('<') ? content : p(content)}</w:tc>`;
export const tr = (cells: string, trPr = '') => `<w:tr>${trPr ? `<w:trPr>${trPr}</w:trPr>` : ''}${cells}</w:tr>`;
export const tbl = (rows: string) => `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid/>${rows}</w:tbl>`;
export const span = (n: number) => `<w:gridSpan w:val="${n}"/>`;
export const vRestart = '<w:vMerge w:val="restart"/>';
export const vContinue = '<w:vMerge/>';

export interface RawEntry {
  name: string;
  /** Stored as is with method 8 (already deflated) or 0. */
  data: Uint8Array;
  method: 0 | 8;
  /** Uncompressed size written in the headers (a bomb may lie). */
  declaredSize: number;
}

/** A ZIP written byte by byte: local headers, data, central directory, end record. */
export function rawZip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.declaredSize >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.declaredSize >>> 0, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, Buffer.from(e.data));
    centrals.push(central, name);
    offset += 30 + name.length + e.data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/** The package parts of a valid DOCX as raw entries, with document.xml replaced by `document`. */
export function rawDocx(document: RawEntry): Buffer {
  const deflated = (name: string, text: string): RawEntry => {
    const data = strToU8(text);
    return { name, data: deflateSync(data), method: 8, declaredSize: data.length };
  };
  return rawZip([deflated('[Content_Types].xml', CONTENT_TYPES), deflated('_rels/.rels', RELS), document]);
}

/**
 * A raw DEFLATE stream that inflates to `bytes` spaces (rounded to 258): one fixed-Huffman block
 * of a literal and then length-258/distance-1 matches, 13 bits for every 258 bytes.
 */
export function deflateBomb(bytes: number): Uint8Array {
  const matches = Math.ceil(bytes / 258);
  const out = new Uint8Array(Math.ceil((3 + 8 + matches * 13 + 7) / 8) + 1);
  let bit = 0;
  const put = (value: number, n: number) => {
    for (let i = 0; i < n; i++, bit++) if ((value >> i) & 1) out[bit >> 3] |= 1 << (bit & 7);
  };
  // Huffman codes go most significant bit first
  const code = (value: number, n: number) => {
    for (let i = n - 1; i >= 0; i--, bit++) if ((value >> i) & 1) out[bit >> 3] |= 1 << (bit & 7);
  };
  put(1, 1); // BFINAL
  put(1, 2); // BTYPE = fixed Huffman
  code(0x30 + 0x20, 8); // literal ' '
  for (let m = 0; m < matches; m++) {
    code(0xc5, 8); // length symbol 285 = 258 bytes
    code(0, 5); // distance code 0 = distance 1
  }
  code(0, 7); // end of block
  return out.subarray(0, (bit + 7) >> 3);
}
