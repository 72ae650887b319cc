/**
 * DOCX reports (and WPS Office files saved as OOXML). The package is opened through its
 * relationships, as Word does: _rels/.rels names the main document part and the core
 * properties. Only those parts are inflated, each with a hard cap, so a ZIP bomb ends in
 * TOO_LARGE instead of filling the memory; headers, footers and comments are never read.
 */
import type { SourceInfo } from '../model/report.js';
import { ReadFailure, type SourceDocument } from './document.js';
import { readDocumentXml } from './docx-body.js';
import { attribute, decodeXml as decodeXmlText, scanXml } from './xml-scan.js';
import { isOle, oleFacts } from './ole.js';
import { ZipArchive, type ZipEntry } from './zip.js';

/** The largest document.xml accepted once inflated (real reports stay under a few MiB). */
export const MAX_DOCUMENT_XML = 64 * 1024 * 1024;
const MAX_SMALL_PART = 4 * 1024 * 1024;

const OFFICE_DOCUMENT = /\/officeDocument$/;
const CORE_PROPERTIES = /\/(metadata\/)?core-properties$/;

export const ENCRYPTED_MESSAGE = 'the document is password-protected; remove the password and try again';

export async function readDocx(data: Buffer, source: SourceInfo, opts: { notDocxMessage?: string } = {}): Promise<SourceDocument> {
  if (isOle(data)) {
    // a password-protected .docx is an OLE container around the encrypted package
    if (oleFacts(data).encryptedPackage) throw new ReadFailure('ENCRYPTED', ENCRYPTED_MESSAGE);
    throw new ReadFailure('UNSUPPORTED_FORMAT', 'the file is a Word 97–2003 (.doc) document, not .docx');
  }
  const zip = new ZipArchive(data);
  const notDocx = () => new ReadFailure('UNSUPPORTED_FORMAT', opts.notDocxMessage ?? 'the file is a ZIP archive but not a Word document (it has no word/document.xml)');

  const rels = relationships(zip);
  const mainName = rels.main ?? 'word/document.xml';
  const main = zip.find(mainName);
  if (!main) throw notDocx();
  const body = readDocumentXml(decodeXml(zip.read(main, MAX_DOCUMENT_XML)));
  if (!body.isWordDocument) throw notDocx();
  if (!body.textChars) {
    if (body.drawings) throw new ReadFailure('SCANNED', 'the Word document contains only images (a scan?); gongkai reads text, it does not do OCR');
    throw new ReadFailure('EMPTY', 'the Word document contains no text');
  }

  const metaHints: SourceDocument['metaHints'] = {};
  const core = zip.find(rels.core ?? 'docProps/core.xml');
  const title = core ? coreTitle(readSmall(zip, core)) : undefined;
  if (title) metaHints.propertiesTitle = title;
  return { source, blocks: body.blocks, metaHints };
}

function readSmall(zip: ZipArchive, entry: ZipEntry): string {
  return decodeXml(zip.read(entry, MAX_SMALL_PART));
}

function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}

/** The package relationships: which part is the main document and which the core properties. */
function relationships(zip: ZipArchive): { main?: string; core?: string } {
  const entry = zip.find('_rels/.rels');
  if (!entry) return {};
  const out: { main?: string; core?: string } = {};
  scanXml(readSmall(zip, entry), {
    open(name, attrs) {
      if (!/(^|:)Relationship$/.test(name) || attribute(attrs, 'TargetMode') === 'External') return;
      const type = attribute(attrs, 'Type') ?? '';
      const target = (attribute(attrs, 'Target') ?? '').replace(/^\.?\/+/, '');
      if (!target) return;
      if (OFFICE_DOCUMENT.test(type)) out.main ??= target;
      else if (CORE_PROPERTIES.test(type)) out.core ??= target;
    },
    close() {},
    text() {},
  });
  return out;
}

function coreTitle(xml: string): string | undefined {
  let inTitle = false;
  let title = '';
  scanXml(xml, {
    open(name) {
      if (/(^|:)title$/.test(name)) inTitle = true;
    },
    text(raw) {
      if (inTitle) title += decodeXmlText(raw);
    },
    close(name) {
      if (/(^|:)title$/.test(name)) inTitle = false;
    },
  });
  return title.trim() || undefined;
}
