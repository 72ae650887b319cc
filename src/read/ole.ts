/**
 * Just enough of the OLE compound file format (MS-CFB) to tell, before converting anything,
 * whether a file is password-protected: an encrypted .docx is an OLE container holding an
 * `EncryptedPackage` stream, and an encrypted .doc sets fEncrypted in the header (FIB) of its
 * `WordDocument` stream. Directory entries are 128-byte records in sectors that are multiples of
 * 128 bytes from the start of the file, so they can be found without walking the FAT.
 */

export interface OleFacts {
  /** An OOXML package encrypted with a password (ECMA-376 agile or standard encryption). */
  encryptedPackage: boolean;
  /** A Word 97–2003 document with fEncrypted set (RC4 or XOR obfuscation). */
  encryptedWord: boolean;
}

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const STREAM = 2;

export function isOle(data: Uint8Array): boolean {
  return data.length >= 512 && OLE_MAGIC.every((b, i) => data[i] === b);
}

function entryName(data: Uint8Array, at: number): string {
  const len = data[at + 64] | (data[at + 65] << 8);
  if (len < 2 || len > 64 || len % 2) return '';
  let s = '';
  for (let i = 0; i < len - 2; i += 2) s += String.fromCharCode(data[at + i] | (data[at + i + 1] << 8));
  return s;
}

export function oleFacts(data: Uint8Array): OleFacts {
  const facts: OleFacts = { encryptedPackage: false, encryptedWord: false };
  if (!isOle(data)) return facts;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const sectorShift = view.getUint16(0x1e, true);
  if (sectorShift !== 9 && sectorShift !== 12) return facts;
  const sectorSize = 1 << sectorShift;
  let wordStart = -1;
  for (let at = sectorSize; at + 128 <= data.length; at += 128) {
    if (data[at + 66] !== STREAM) continue;
    const name = entryName(data, at);
    if (name === 'EncryptedPackage') facts.encryptedPackage = true;
    else if (name === 'WordDocument' && wordStart < 0) wordStart = view.getUint32(at + 116, true);
  }
  // the WordDocument stream is at least 4 KiB, so it lives in ordinary sectors, and its first
  // sector holds the FIB: wIdent 0xA5EC, then the flags word at offset 10 with fEncrypted = 0x0100
  if (wordStart >= 0 && wordStart < 0xfffffffa) {
    const fib = (wordStart + 1) * sectorSize;
    if (fib + 12 <= data.length && view.getUint16(fib, true) === 0xa5ec) facts.encryptedWord = (view.getUint16(fib + 10, true) & 0x0100) !== 0;
  }
  return facts;
}
