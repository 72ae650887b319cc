/**
 * pdf.js, loaded once and configured for reading text offline in Node: the legacy build (the
 * modern one needs Node 22 features), its worker run in this thread — patched for reading text
 * and shared by every document (worker.ts) — no font faces, no eval, no image decoding, and the
 * CJK CMaps and standard fonts read from the package itself (cached in memory across
 * documents), so that Chinese text never depends on the network.
 *
 * pdf.js failures are turned into ReadFailures here: a password → ENCRYPTED, a broken file →
 * CORRUPT.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ReadFailure } from '../document.js';
import { loadWorkerModule, LoopbackPort, type LoadedWorker, type WorkerModule } from './worker.js';

export type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
export type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
export type PdfPage = Awaited<ReturnType<PdfDocument['getPage']>>;

/** What PDFWorker takes as a port: a Worker, of which pdf.js uses postMessage and the listeners. */
type WorkerPort = NonNullable<NonNullable<ConstructorParameters<PdfJs['PDFWorker']>[0]>['port']>;

export type PdfWorker = InstanceType<PdfJs['PDFWorker']>;

interface Engine {
  lib: PdfJs;
  /** One in-thread worker for every document (see worker.ts). */
  worker: PdfWorker;
  /** The worker patches in force. */
  patches: string[];
}

let loaded: Promise<Engine> | null = null;

function engine(): Promise<Engine> {
  loaded ??= loadEngine();
  return loaded;
}

/** The pdf.js module, imported on first use (reading text or HTML never pays for it). */
export async function pdfjs(): Promise<PdfJs> {
  return (await engine()).lib;
}

/** The names of the worker patches in force (worker.ts). */
export async function workerPatches(): Promise<string[]> {
  return (await engine()).patches;
}

async function loadEngine(): Promise<Engine> {
  // The legacy build installs core-js polyfills globally. Three of them *replace* built-ins that
  // Node already has with much slower JavaScript (Array.prototype.push, JSON.parse,
  // JSON.stringify), which would slow down everything else in the process; the natives are put
  // back. The polyfills that only *add* missing features (Promise.withResolvers …) stay.
  const natives = { push: Array.prototype.push, parse: JSON.parse, stringify: JSON.stringify };
  let lib: PdfJs;
  let worker: LoadedWorker;
  try {
    lib = await import('pdfjs-dist/legacy/build/pdf.mjs');
    worker = await loadWorkerModule();
  } finally {
    Array.prototype.push = natives.push;
    JSON.parse = natives.parse;
    JSON.stringify = natives.stringify;
  }
  process.on('unhandledRejection', ignorePdfJsRejections);
  return { lib, worker: connectWorker(lib, worker.module), patches: worker.applied };
}

/** A PDFWorker that runs a worker module in this thread, over a LoopbackPort (worker.ts). */
export function connectWorker(lib: PdfJs, module: WorkerModule): PdfWorker {
  // the worker's end of the port listens before the main end (PDFWorker) starts talking
  const port = new LoopbackPort();
  module.WorkerMessageHandler.initializeFromPort(port);
  return new lib.PDFWorker({ port: port as unknown as WorkerPort, verbosity: 0 });
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

/**
 * Opens a document; a password or a broken file becomes a ReadFailure. `worker`: another worker
 * than gongkai's patched one (the tests compare the two).
 */
export async function openPdf(data: Buffer, options: { worker?: PdfWorker } = {}): Promise<PdfDocument> {
  const { lib, worker: patched } = await engine();
  const worker = options.worker ?? patched;
  // pdf.js takes ownership of (transfers) the bytes it is given: hand it a copy
  const task = lib.getDocument({
    data: new Uint8Array(data),
    worker,
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
