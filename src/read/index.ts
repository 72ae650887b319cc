/**
 * One entry point for every format: sniff the bytes (not only the extension), guard the size,
 * and hand the bytes to the reader for the format. Every failure is a ReadFailure with a code
 * and a one-line message; nothing here throws anything else on bad input.
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { extname } from 'node:path';
import type { SourceInfo } from '../model/report.js';
import { ReadFailure, type SourceDocument } from './document.js';
import { declaredHtmlCharset, decodeText, decodeToUtf8, looksBinary } from './encoding.js';
import { readHtml } from './html.js';
import { readText } from './text.js';

export interface ReadOptions {
  /** Largest input accepted, in bytes (default 32 MiB). */
  maxBytes?: number;
  /** Force a format instead of sniffing (txt, md, html, docx, pdf, doc). */
  format?: string;
}

export const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

export async function readPath(path: string, options: ReadOptions = {}): Promise<SourceDocument> {
  return readBytes(readWhole(path, options.maxBytes ?? DEFAULT_MAX_BYTES), path, options);
}

/**
 * The file's bytes, refused before reading when it is a directory or larger than `max`. One
 * open, one fstat and the reads, all synchronous on purpose: a report is read whole anyway, two
 * thread-pool round trips per file left batch workers idle a quarter of the time, and a stat by
 * path before readFileSync (which stats again) was a system call per file for nothing.
 */
function readWhole(path: string, max: number): Buffer {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw isDirectory(path); // where a directory cannot be opened (Windows)
    throw new ReadFailure('NOT_FOUND', `cannot open ${path}: ${code ?? 'error'}`);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw isDirectory(path);
    if (st.size > max) throw tooLarge(st.size, max);
    return st.size > 0 ? readSized(fd, st.size) : readToEnd(fd, max);
  } catch (e) {
    if (e instanceof ReadFailure) throw e;
    throw new ReadFailure('NOT_FOUND', `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  } finally {
    closeSync(fd);
  }
}

const isDirectory = (path: string) => new ReadFailure('UNSUPPORTED_FORMAT', `${path} is a directory`);

/**
 * A regular file: as many bytes as fstat said, fewer if it shrank (as readFileSync does), in a
 * buffer of its own (not a slice of Node's shared pool: readers may hand `.buffer` on).
 */
function readSized(fd: number, size: number): Buffer {
  const buf = Buffer.allocUnsafeSlow(size);
  let filled = 0;
  while (filled < size) {
    const n = readSync(fd, buf, filled, size - filled, null);
    if (n === 0) break;
    filled += n;
  }
  return filled < size ? buf.subarray(0, filled) : buf;
}

/** A file whose size fstat does not know (a pipe, /proc): read until it ends or passes the limit. */
function readToEnd(fd: number, max: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(64 * 1024);
    const n = readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) break;
    chunks.push(chunk.subarray(0, n));
    total += n;
    if (total > max) throw tooLarge(total, max);
  }
  return Buffer.concat(chunks, total);
}

function tooLarge(size: number, max: number): ReadFailure {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  return new ReadFailure('TOO_LARGE', `the file is ${mb(size)}; the limit is ${mb(max)} (annual reports are far smaller; raise it with --max-size)`);
}

export type Format = 'txt' | 'md' | 'html' | 'docx' | 'pdf' | 'doc';

export function sniffFormat(data: Uint8Array, path: string): Format | 'zip' | 'image' | 'ole' {
  const ext = extname(path).toLowerCase().replace('.', '');
  const b = data;
  if (b.length >= 5 && b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46 && b[4] === 0x2d) return 'pdf';
  if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5 || b[2] === 7)) return ext === 'docx' || ext === 'wps' ? 'docx' : 'zip';
  if (b.length >= 8 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0) return 'ole';
  if (isImage(b)) return 'image';
  if (ext === 'pdf') return 'pdf';
  if (ext === 'docx') return 'docx';
  if (ext === 'doc' || ext === 'wps') return 'doc';
  if (ext === 'md' || ext === 'markdown') return 'md';
  if (ext === 'html' || ext === 'htm' || ext === 'shtml' || ext === 'xhtml') return 'html';
  const head = Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1', 0, 1024).trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || /<(head|body|table|meta)[\s>]/.test(head)) return 'html';
  return 'txt';
}

function isImage(b: Uint8Array): boolean {
  if (b.length < 4) return false;
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return true; // PNG
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return true; // JPEG
  if (b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46) return true; // GIF
  if ((b[0] === 0x49 && b[1] === 0x49 && b[2] === 0x2a) || (b[0] === 0x4d && b[1] === 0x4d && b[3] === 0x2a)) return true; // TIFF
  if (b[0] === 0x42 && b[1] === 0x4d && b.length > 14) return true; // BMP
  return false;
}

export async function readBytes(data: Buffer, path: string, options: ReadOptions = {}): Promise<SourceDocument> {
  const max = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (data.length > max) throw tooLarge(data.length, max);
  const sniffed = sniffFormat(data, path);
  const format = (options.format as Format | undefined) ?? sniffed;
  const source: SourceInfo = {
    path,
    format: path === '-' ? 'stdin' : format,
    sha256: createHash('sha256').update(data).digest('hex'),
    bytes: data.length,
  };
  if (data.length === 0 || (data.length < 64 && !data.toString('utf8').trim())) throw new ReadFailure('EMPTY', 'the file is empty');
  switch (format) {
    case 'image':
      throw new ReadFailure('BINARY', 'the file is an image, not a report (a scan needs OCR, which gongkai does not do)');
    // the Word and PDF readers (pdfjs above all) load only when a file needs them
    case 'zip':
      return (await import('./docx.js')).readDocx(data, { ...source, format: 'docx' }, { notDocxMessage: 'the file is a ZIP archive but not a Word document' });
    case 'docx':
      return (await import('./docx.js')).readDocx(data, { ...source, format: 'docx' });
    case 'pdf':
      return (await import('./pdf.js')).readPdf(data, source);
    case 'ole':
    case 'doc': {
      const { readDocx } = await import('./docx.js');
      return (await import('./legacy-word.js')).convertLegacyWord(data, source, (docx, src) => readDocx(docx, src));
    }
    default: {
      if (looksBinary(data)) throw new ReadFailure('BINARY', 'the file is binary data, not text, HTML, Word or PDF');
      if (format === 'html') {
        const { bytes, encoding } = decodeToUtf8(data, declaredHtmlCharset(data));
        source.encoding = encoding;
        if (isBlankUtf8(bytes)) throw onlyWhitespace();
        return readHtml(bytes, source);
      }
      const { text, encoding } = decodeText(data);
      source.encoding = encoding;
      if (!text.trim()) throw onlyWhitespace();
      return readText(text, source, { markdown: format === 'md' });
    }
  }
}

const onlyWhitespace = () => new ReadFailure('EMPTY', 'the file contains only whitespace');

/** Whether UTF-8 bytes are only whitespace, decoding them only when they are not ASCII. */
function isBlankUtf8(bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (c >= 0x80) return !bytes.toString('utf8').trim();
    if (c !== 32 && (c < 9 || c > 13)) return false;
  }
  return true;
}
