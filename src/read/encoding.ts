/**
 * Decoding text files the way Chinese government sites serve them: UTF-8 (with or without BOM),
 * UTF-16 (Word "Unicode text" exports), and GB18030/GBK, which many sites still use.
 * Node's TextDecoder (full ICU) knows all of them; what is ours is the decision.
 */
import { isAscii, isUtf8, transcode } from 'node:buffer';
import { ReadFailure } from './document.js';

export interface Decoded {
  text: string;
  encoding: string;
}

export function decodeText(buf: Uint8Array, declared?: string): Decoded {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    const rest = buf.subarray(3);
    return { text: isUtf8(rest) ? decodeUtf8(rest) : new TextDecoder('utf-8').decode(rest), encoding: 'utf-8-bom' };
  }
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(buf.subarray(2)), encoding: 'utf-16le' };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(buf.subarray(2)), encoding: 'utf-16be' };
  const bomless16 = sniffUtf16(buf);
  if (bomless16) return { text: new TextDecoder(bomless16).decode(buf), encoding: bomless16 };
  if (isUtf8(buf)) return { text: decodeUtf8(buf), encoding: 'utf-8' };
  const legacy = normaliseLabel(declared) ?? 'gb18030';
  try {
    return { text: new TextDecoder(legacy, { fatal: true }).decode(buf), encoding: legacy };
  } catch {
    if (legacy !== 'gb18030') {
      try {
        return { text: new TextDecoder('gb18030', { fatal: true }).decode(buf), encoding: 'gb18030' };
      } catch {
        /* reported below */
      }
    }
  }
  throw new ReadFailure('BINARY', 'the file is not text in UTF-8, UTF-16 or GB18030/GBK');
}

/**
 * Valid UTF-8 → string. V8's own decoder (Buffer#toString, and TextDecoder is no faster) takes
 * about 4 ns a byte on Chinese text; ICU's converter behind `transcode` is six times faster.
 * Text that is all ASCII is copied as Latin-1 instead, which keeps it a one-byte string.
 */
export function decodeUtf8(buf: Uint8Array): string {
  if (isAscii(buf)) return asBuffer(buf).toString('latin1');
  return transcode(buf, 'utf8', 'ucs2').toString('ucs2');
}

const asBuffer = (buf: Uint8Array): Buffer => (Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength));

/**
 * The text as UTF-8 bytes, for the HTML reader (which scans bytes): UTF-8 input is used as it
 * is, without a copy; any other encoding is decoded as `decodeText` does and encoded again.
 */
export function decodeToUtf8(buf: Buffer, declared?: string): { bytes: Buffer; encoding: string } {
  const bom = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
  if (bom && isUtf8(buf.subarray(3))) return { bytes: buf.subarray(3), encoding: 'utf-8-bom' };
  if (!bom && !hasUtf16Bom(buf) && !sniffUtf16(buf) && isUtf8(buf)) return { bytes: buf, encoding: 'utf-8' };
  const { text, encoding } = decodeText(buf, declared);
  return { bytes: Buffer.from(text, 'utf8'), encoding };
}

const hasUtf16Bom = (buf: Uint8Array) => buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff));

/** UTF-16 without a BOM: every other byte is zero for ASCII-heavy text. */
function sniffUtf16(buf: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(buf.length, 4096) & ~1;
  if (n < 8) return null;
  // almost every file has no zero byte at all: one native search says so
  if (!buf.subarray(0, n).includes(0)) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) evenZero++;
    if (buf[i + 1] === 0) oddZero++;
  }
  const half = n / 2;
  if (oddZero > half * 0.3 && evenZero < half * 0.05) return 'utf-16le';
  if (evenZero > half * 0.3 && oddZero < half * 0.05) return 'utf-16be';
  return null;
}

function normaliseLabel(label: string | undefined): string | null {
  if (!label) return null;
  const l = label.trim().toLowerCase();
  if (['gbk', 'gb2312', 'gb18030', 'x-gbk', 'cp936', 'euc-cn'].includes(l)) return 'gb18030';
  if (['big5', 'big5-hkscs'].includes(l)) return 'big5';
  try {
    new TextDecoder(l);
    return l;
  } catch {
    return null;
  }
}

/** The charset an HTML page declares in its first bytes (`<meta charset>` or http-equiv). */
export function declaredHtmlCharset(buf: Uint8Array): string | undefined {
  const head = asBuffer(buf).toString('latin1', 0, 4096);
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head);
  return m?.[1];
}

/**
 * True when the bytes are evidently not text: NUL bytes or many control characters in the
 * first KiB (a PNG renamed .txt, an executable, a zip).
 */
export function looksBinary(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, 8192);
  if (sniffUtf16(buf)) return false;
  if (hasUtf16Bom(buf)) return false;
  // as Latin-1 the bytes are one character each, and a regular expression counts them natively
  const head = asBuffer(buf).toString('latin1', 0, n);
  if (head.includes('\0')) return true;
  const control = head.match(CONTROL)?.length ?? 0;
  return control > n * 0.02;
}

const CONTROL = /[\x01-\x08\x0e-\x1f]/g;
