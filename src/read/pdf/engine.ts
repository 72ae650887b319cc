/**
 * pdf.js, loaded once and configured for reading text offline in Node: the legacy build (the
 * modern one needs Node 22 features), pdf.js's in-thread "fake" worker, no font faces, no eval,
 * no image decoding, and the CJK CMaps and standard fonts read from the package itself (cached
 * in memory across documents), so that Chinese text never depends on the network.
 *
 * pdf.js failures are turned into ReadFailures here: a password → ENCRYPTED, a broken file →
 * CORRUPT.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ReadFailure } from '../document.js';

export type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
export type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
export type PdfPage = Awaited<ReturnType<PdfDocument['getPage']>>;

let loaded: Promise<PdfJs> | null = null;

/** The pdf.js module, imported on first use (reading text or HTML never pays for it). */
export function pdfjs(): Promise<PdfJs> {
  loaded ??= importPdfJs();
  return loaded;
}

async function importPdfJs(): Promise<PdfJs> {
  // The legacy build installs core-js polyfills globally. Three of them *replace* built-ins that
  // Node already has with much slower JavaScript (Array.prototype.push, JSON.parse,
  // JSON.stringify), which would slow down everything else in the process; the natives are put
  // back. The polyfills that only *add* missing features (Promise.withResolvers …) stay.
  const natives = { push: Array.prototype.push, parse: JSON.parse, stringify: JSON.stringify };
  const lib = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // pdf.js runs its "worker" in this thread when it finds the worker module here.
  const workerModule: string = 'pdfjs-dist/legacy/build/pdf.worker.mjs'; // (ships without type declarations)
  const worker: unknown = await import(workerModule);
  (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
  Array.prototype.push = natives.push;
  JSON.parse = natives.parse;
  JSON.stringify = natives.stringify;
  process.on('unhandledRejection', ignorePdfJsRejections);
  return lib;
}

/**
 * pdf.js prefetches objects of a damaged file (the kids of a broken page tree) into promises
 * nobody awaits; when they fail, Node would end the whole process with an unhandled rejection,
 * although pdf.js reports the failure through the call we do await (→ CORRUPT). Those
 * rejections are dropped. Any other unhandled rejection keeps Node's default (the process
 * ends), unless the application listens for them itself.
 */
function ignorePdfJsRejections(reason: unknown): void {
  const fromPdfJs = reason instanceof Error && (reason.stack ?? '').includes('pdfjs-dist');
  if (fromPdfJs) return;
  if (process.listenerCount('unhandledRejection') === 1) throw reason;
}

const packageDir = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const DATA_DIRS: Record<string, string> = {
  cMapUrl: join(packageDir, 'cmaps'),
  standardFontDataUrl: join(packageDir, 'standard_fonts'),
  wasmUrl: join(packageDir, 'wasm'),
};
const dataCache = new Map<string, Promise<Uint8Array>>();

/**
 * pdf.js's BinaryDataFactory interface: CMaps, standard fonts and wasm decoders by file name.
 * Read from node_modules/pdfjs-dist and kept in memory, so a corpus run reads each CMap once.
 */
class PackageDataFactory {
  async fetch({ kind, filename }: { kind: string; filename: string }): Promise<Uint8Array> {
    const dir = DATA_DIRS[kind];
    // file names come from the PDF (a CMap name): never let one leave the package directory
    if (!dir || !/^[\w.+-]+$/.test(filename)) throw new Error(`no ${kind} data named ${filename}`);
    const key = `${kind}/${filename}`;
    let data = dataCache.get(key);
    if (!data) {
      data = readFile(join(dir, filename)).then((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
      data.catch(() => dataCache.delete(key));
      dataCache.set(key, data);
    }
    return data;
  }
}

/** Opens a document; a password or a broken file becomes a ReadFailure. */
export async function openPdf(data: Buffer): Promise<PdfDocument> {
  const lib = await pdfjs();
  // pdf.js takes ownership of (transfers) the bytes it is given: hand it a copy
  const task = lib.getDocument({
    data: new Uint8Array(data),
    BinaryDataFactory: PackageDataFactory,
    // the factory ignores the URLs, but pdf.js only asks for CMaps and fonts when they are set
    cMapUrl: `${DATA_DIRS.cMapUrl}/`,
    cMapPacked: true,
    standardFontDataUrl: `${DATA_DIRS.standardFontDataUrl}/`,
    wasmUrl: `${DATA_DIRS.wasmUrl}/`,
    useWorkerFetch: false,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    // text and ruling lines are all we need: images are never decoded (bounded time and memory)
    maxImageSize: 0,
    verbosity: 0,
  });
  try {
    return await task.promise;
  } catch (e) {
    await task.destroy().catch(() => undefined);
    throw asReadFailure(e);
  }
}

/** A pdf.js exception as a ReadFailure (anything else that escapes pdf.js means a broken file). */
export function asReadFailure(e: unknown): ReadFailure {
  if (e instanceof ReadFailure) return e;
  const name = (e as { name?: string })?.name;
  const message = e instanceof Error ? e.message : String(e);
  if (name === 'PasswordException') return new ReadFailure('ENCRYPTED', 'the PDF is protected by a password; gongkai cannot open it');
  if (name === 'InvalidPDFException') return new ReadFailure('CORRUPT', `the PDF is damaged and cannot be read (${message})`);
  return new ReadFailure('CORRUPT', `the PDF is damaged and cannot be read (${message})`);
}
