/**
 * Reading single entries of a ZIP archive with a hard cap on what they inflate to. fflate does
 * the inflating; the central directory is read here because fflate's unzipSync trusts the sizes
 * the archive declares (a ZIP bomb lies about them) and its streaming Unzip finds entries by
 * scanning for signatures. With the directory we inflate only the entries we need, in slices,
 * and stop as soon as the output passes the cap.
 */
import { Inflate } from 'fflate';
import { ReadFailure } from './document.js';

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** More entries than any Word document has; a directory claiming more is hostile or broken. */
export const MAX_ZIP_ENTRIES = 10_000;

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

const corrupt = (why: string) => new ReadFailure('CORRUPT', `the file is a damaged or truncated ZIP/Word archive (${why})`);

export class ZipArchive {
  readonly entries = new Map<string, ZipEntry>();

  constructor(private readonly data: Uint8Array) {
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    const eocd = findEocd(data, view);
    if (eocd < 0) throw corrupt('no end-of-archive record');
    let count = view.getUint16(eocd + 10, true);
    let dirOffset = view.getUint32(eocd + 16, true);
    if (count === 0xffff || dirOffset === 0xffffffff) {
      const loc = eocd - 20;
      if (loc < 0 || view.getUint32(loc, true) !== ZIP64_LOCATOR) throw corrupt('ZIP64 record missing');
      const rec = Number(view.getBigUint64(loc + 8, true));
      if (rec + 56 > data.length || view.getUint32(rec, true) !== ZIP64_EOCD) throw corrupt('ZIP64 record missing');
      count = Number(view.getBigUint64(rec + 32, true));
      dirOffset = Number(view.getBigUint64(rec + 48, true));
    }
    if (count > MAX_ZIP_ENTRIES) throw new ReadFailure('TOO_LARGE', `the archive lists ${count} entries; a Word document has far fewer (limit ${MAX_ZIP_ENTRIES})`);
    let p = dirOffset;
    for (let i = 0; i < count; i++) {
      if (p + 46 > data.length || view.getUint32(p, true) !== CENTRAL) throw corrupt('central directory cut short');
      const flags = view.getUint16(p + 8, true);
      const method = view.getUint16(p + 10, true);
      let compressedSize = view.getUint32(p + 20, true);
      let size = view.getUint32(p + 24, true);
      const nameLen = view.getUint16(p + 28, true);
      const extraLen = view.getUint16(p + 30, true);
      const commentLen = view.getUint16(p + 32, true);
      let localOffset = view.getUint32(p + 42, true);
      const end = p + 46 + nameLen + extraLen + commentLen;
      if (end > data.length) throw corrupt('central directory cut short');
      const name = new TextDecoder(flags & 0x800 ? 'utf-8' : 'latin1').decode(data.subarray(p + 46, p + 46 + nameLen));
      // ZIP64 sizes live in extra field 0x0001, in this order, only for the fields set to 0xffffffff
      for (let x = p + 46 + nameLen; x + 4 <= p + 46 + nameLen + extraLen; ) {
        const tag = view.getUint16(x, true);
        const len = view.getUint16(x + 2, true);
        if (tag === 1) {
          let q = x + 4;
          const next = () => (q + 8 <= x + 4 + len ? Number(view.getBigUint64((q += 8) - 8, true)) : undefined);
          if (size === 0xffffffff) size = next() ?? size;
          if (compressedSize === 0xffffffff) compressedSize = next() ?? compressedSize;
          if (localOffset === 0xffffffff) localOffset = next() ?? localOffset;
        }
        x += 4 + len;
      }
      this.entries.set(name.replace(/\\/g, '/'), { name, method, flags, compressedSize, size, localOffset });
      p = end;
    }
  }

  /** Looks an entry up the way OPC part names compare: without a leading slash, case-insensitively. */
  find(name: string): ZipEntry | undefined {
    const wanted = name.replace(/^\/+/, '');
    const exact = this.entries.get(wanted);
    if (exact) return exact;
    const lower = wanted.toLowerCase();
    for (const [n, e] of this.entries) if (n.toLowerCase() === lower) return e;
    return undefined;
  }

  /** The entry's bytes; TOO_LARGE as soon as they would pass `maxBytes`, whatever the header says. */
  read(entry: ZipEntry, maxBytes: number): Uint8Array {
    if (entry.flags & 1) throw new ReadFailure('ENCRYPTED', 'the archive is password-protected; remove the password and try again');
    const view = new DataView(this.data.buffer, this.data.byteOffset, this.data.byteLength);
    const at = entry.localOffset;
    if (at + 30 > this.data.length || view.getUint32(at, true) !== LOCAL) throw corrupt(`entry ${entry.name} is missing`);
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    const end = start + entry.compressedSize;
    if (end > this.data.length) throw corrupt(`entry ${entry.name} is cut short`);
    const raw = this.data.subarray(start, end);
    const tooLarge = () =>
      new ReadFailure('TOO_LARGE', `${entry.name} would inflate beyond the limit of ${Math.round(maxBytes / 1024 / 1024)} MiB (a ZIP bomb, or far larger than any report)`);
    if (entry.method === 0) {
      if (raw.length > maxBytes) throw tooLarge();
      return raw;
    }
    if (entry.method !== 8) throw new ReadFailure('UNSUPPORTED_FORMAT', `entry ${entry.name} uses ZIP compression method ${entry.method}, which Word does not write`);
    return inflateCapped(raw, maxBytes, tooLarge, () => corrupt(`entry ${entry.name} does not inflate`));
  }
}

function findEocd(data: Uint8Array, view: DataView): number {
  // the record is 22 bytes plus a comment of at most 65535 bytes, at the very end
  for (let p = data.length - 22; p >= Math.max(0, data.length - 22 - 0xffff); p--) {
    if (data[p] === 0x50 && view.getUint32(p, true) === EOCD) return p;
  }
  return -1;
}

/** Inflates in slices so that a bomb is stopped after at most one slice's worth of output past the cap. */
function inflateCapped(raw: Uint8Array, maxBytes: number, tooLarge: () => Error, bad: () => Error): Uint8Array {
  const SLICE = 16 * 1024;
  const chunks: Uint8Array[] = [];
  let total = 0;
  let overflow = false;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > maxBytes) overflow = true;
    else chunks.push(chunk);
  });
  try {
    for (let p = 0; p < raw.length && !overflow; p += SLICE) inflater.push(raw.subarray(p, p + SLICE), p + SLICE >= raw.length);
    if (!raw.length) inflater.push(new Uint8Array(0), true);
  } catch {
    if (!overflow) throw bad();
  }
  if (overflow) throw tooLarge();
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}
