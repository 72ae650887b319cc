/**
 * pdf.js's worker, run in this thread and patched for reading text.
 *
 * pdf.js is written to render pages, and part of what it does for a page is only needed to draw
 * it. Some of it costs most of the time of reading a report (see bench/pdf.js), and no pdf.js
 * option turns it off, so the worker's source is loaded with a few small patches:
 *
 * - font-no-repair: the embedded font file of a composite font with TrueType glyphs
 *   (CIDFontType2 — what Word and WPS write for Chinese text) is not read: not inflated, not
 *   parsed, not repaired and rebuilt into an OpenType file (Font#checkAndRepair,
 *   sanitizeGlyphLocations: about a quarter of the time). That file only serves to draw glyphs.
 *   The text pdf.js gives for such a font — each glyph's Unicode (ToUnicode or the CMap), its
 *   width (/W), its vertical metrics (/W2) — comes from the PDF's dictionaries, so it does not
 *   change; only the ascent and descent of the text content's styles do (from the font
 *   descriptor instead of the file; gongkai does not use them). The font's type is the one its
 *   dictionary declares (not sniffed from the file), and an empty font file goes unnoticed
 *   (pdf.js would treat the font as missing and substitute a standard one). getOperatorList no
 *   longer builds a path for every glyph either (which it does with disableFontFace, to draw text
 *   without font faces). Other fonts are read as before: for a simple TrueType font pdf.js takes
 *   glyph names and Unicode from the file.
 * - text-state-clone: TextState#clone made every saved text state (each q operator in the text
 *   pass) the prototype of the next, which V8 handles very slowly (every object becomes a
 *   prototype with a map of its own): 15–30% of the text pass. The clone now has the class's
 *   prototype and the same own properties, which is what Object.assign gave it already.
 * - eval-state-clone: the same for EvalState#clone (each q operator of an operator list), which
 *   made the saved state the prototype of the new one (copy-on-write through the prototype
 *   chain). The new state now has its own copy of every property instead; every state is made
 *   by this method from the first, which has all of them as its own, so nothing is lost.
 * - cmap-sparse-foreach: CMap#forEach visited every code below the highest one mapped (a ToUnicode
 *   map of a subset font maps a few hundred glyph ids up to ~30000, held by V8 as a dictionary),
 *   one lookup each, for every font of every document. It now visits the codes that are mapped,
 *   in the same ascending order, with the same numbers.
 * - inflate-sync (a prelude, pdf.js's code is not changed): pdf.js inflates streams with the
 *   global DecompressionStream (Node's web streams over zlib, asynchronous, with a copy per
 *   chunk). Inside the worker module that name is bound to a minimal stand-in for the
 *   "deflate" format that calls zlib.inflateSync. A failure behaves as with the real one:
 *   pdf.js falls back to its own JavaScript inflate. Nothing outside the module sees it.
 *
 * Each patch replaces an exact piece of pdf.js's source. When a pdf.js update changes that piece,
 * the patch is left out (the module is then slower, never different), and the tests say which
 * (test/pdf-engine.test.ts checks that all apply to the installed version and that the text is
 * the same as with the unpatched worker). If the patched module cannot be loaded at all, the
 * unpatched one is.
 *
 * The worker is reached through a port of our own (LoopbackPort below), passed to getDocument
 * as its `worker` (documented pdf.js API), not through the `globalThis.pdfjsWorker` hook: any
 * other pdf.js user in the process keeps the unpatched worker. One worker serves every document.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { TransferListItem } from 'node:worker_threads';

interface Replacement {
  find: string;
  replace: string;
}

interface Patch {
  name: string;
  /** Applied together, or not at all. */
  replacements: Replacement[];
}

/** The fonts font-no-repair applies to: a composite font whose glyphs are TrueType. */
const TEXT_ONLY_FONT = 'properties.composite && type === "CIDFontType2"';

export const PATCHES: Patch[] = [
  {
    name: 'font-no-repair',
    replacements: [
      // translateFont: the font file is neither inflated ahead of time nor checked for emptiness
      {
        find: `          if (fontFile.isAsync) {
            const bytes = await fontFile.asyncGetBytes();`,
        replace: `          if (fontFile.isAsync && !(composite && type === "CIDFontType2")) { /* gongkai: font-no-repair */
            const bytes = await fontFile.asyncGetBytes();`,
      },
      {
        find: `          if (fontFile.isEmpty) {
            throw new FormatError("FontFile is empty");`,
        replace: `          if (!(composite && type === "CIDFontType2") && fontFile.isEmpty) { /* gongkai: font-no-repair */
            throw new FormatError("FontFile is empty");`,
      },
      // Font: the file is not read (its type is the one the font dictionary declares) …
      {
        find: `    if (!file || file.isEmpty) {`,
        replace: `    if (!file || (!(${TEXT_ONLY_FONT}) && file.isEmpty)) { /* gongkai: font-no-repair */`,
      },
      {
        find: `    [type, subtype] = getFontFileType(file, properties);`,
        replace: `    [type, subtype] = ${TEXT_ONLY_FONT} ? [type, subtype] : getFontFileType(file, properties); /* gongkai: font-no-repair */`,
      },
      // … nor repaired into an OpenType file: the font has no data to draw with
      {
        find: `        case "CIDFontType2":
          this.mimetype = "font/opentype";
          data = this.checkAndRepair(name, file, properties);`,
        replace: `        case "CIDFontType2":
          this.mimetype = "font/opentype";
          data = properties.composite ? undefined : this.checkAndRepair(name, file, properties); /* gongkai: font-no-repair */`,
      },
    ],
  },
  {
    name: 'text-state-clone',
    replacements: [
      {
        find: `    const clone = Object.assign(Object.create(this), this);
    clone.textMatrix = this.textMatrix.slice();`,
        replace: `    const clone = Object.assign(Object.create(this.constructor.prototype), this); /* gongkai: text-state-clone */
    clone.textMatrix = this.textMatrix.slice();`,
      },
    ],
  },
  {
    name: 'eval-state-clone',
    replacements: [
      {
        find: `  } = {}) {
    const clone = Object.create(this);
    if (newPath) {`,
        replace: `  } = {}) {
    const clone = Object.assign(Object.create(this.constructor.prototype), this); /* gongkai: eval-state-clone */
    if (newPath) {`,
      },
    ],
  },
  {
    name: 'cmap-sparse-foreach',
    replacements: [
      {
        find: `    if (length <= 0x10000) {
      for (let i = 0; i < length; i++) {
        if (map[i] !== undefined) {
          callback(i, map[i]);
        }
      }
    } else {`,
        replace: `    if (length <= 0x10000) {
      for (const key of Object.keys(map)) { /* gongkai: cmap-sparse-foreach */
        const i = +key;
        if (map[i] !== undefined) {
          callback(i, map[i]);
        }
      }
    } else {`,
      },
    ],
  },
];

/** Binds DecompressionStream inside the worker module (see inflate-sync above). */
const PRELUDE = `import { inflateSync as gongkaiInflateSync } from "node:zlib";
const DecompressionStream = class GongkaiInflateSync {
  constructor(format) {
    if (format !== "deflate") throw new TypeError("gongkai: only deflate is inflated synchronously");
    let input = null;
    this.writable = { getWriter: () => ({ ready: Promise.resolve(), write(bytes) { input = bytes; return Promise.resolve(); }, close: () => Promise.resolve() }) };
    this.readable = { async *[Symbol.asyncIterator]() { yield gongkaiInflateSync(input); } };
  }
};
`;
const PRELUDE_NAME = 'inflate-sync';

export interface PatchedSource {
  source: string;
  applied: string[];
  missed: string[];
}

/** The worker's source with every patch whose pieces are all found exactly once. */
export function patchWorkerSource(source: string): PatchedSource {
  const applied: string[] = [];
  const missed: string[] = [];
  // where each piece is, in the original source; then the output is made in one pass
  const edits: { at: number; length: number; text: string }[] = [];
  for (const patch of PATCHES) {
    const found = patch.replacements.map((r) => ({ at: onlyIndex(source, r.find), length: r.find.length, text: r.replace }));
    const overlaps = (a: { at: number; length: number }, b: { at: number; length: number }) => a.at < b.at + b.length && b.at < a.at + a.length;
    if (found.some((e) => e.at < 0 || edits.some((o) => overlaps(e, o)))) {
      missed.push(patch.name);
      continue;
    }
    edits.push(...found);
    applied.push(patch.name);
  }
  edits.sort((a, b) => a.at - b.at);
  const parts: string[] = [];
  let from = 0;
  for (const e of edits) {
    parts.push(source.slice(from, e.at), e.text);
    from = e.at + e.length;
  }
  parts.push(source.slice(from));
  // the prelude declares DecompressionStream in the module: only if pdf.js does not
  if (declares(source, 'DecompressionStream')) missed.push(PRELUDE_NAME);
  else {
    parts.unshift(PRELUDE);
    applied.push(PRELUDE_NAME);
  }
  return { source: parts.join(''), applied, missed };
}

/** Where `needle` is in `haystack` if it is there exactly once; else -1. */
function onlyIndex(haystack: string, needle: string): number {
  const at = haystack.indexOf(needle);
  return at >= 0 && haystack.indexOf(needle, at + 1) < 0 ? at : -1;
}

/** Does the source declare `name` (const/let/var/class/function name)? */
function declares(source: string, name: string): boolean {
  for (let i = source.indexOf(name); i >= 0; i = source.indexOf(name, i + 1)) {
    if (/\b(?:const|let|var|class|function)\s+$/.test(source.slice(Math.max(0, i - 16), i)) && !/[\w$]/.test(source[i + name.length] ?? '')) return true;
  }
  return false;
}

/** What the worker module exports (it ships without type declarations). */
export interface WorkerModule {
  WorkerMessageHandler: { initializeFromPort(port: unknown): void };
}

export interface LoadedWorker {
  module: WorkerModule;
  /** The patches in the module that runs. */
  applied: string[];
  missed: string[];
}

const WORKER = 'pdfjs-dist/legacy/build/pdf.worker.mjs';

/** The patched worker module; the unpatched one if the patched source does not load. */
export async function loadWorkerModule(): Promise<LoadedWorker> {
  const path = createRequire(import.meta.url).resolve(WORKER);
  try {
    const patched = patchWorkerSource(await readFile(path, 'utf8'));
    // stack traces name the package's file (not a 3 MB data: URL); engine.ts looks for it there
    const source = `${patched.source}\n//# sourceURL=${pathToFileURL(path).href}?gongkai-patched\n`;
    const url = `data:text/javascript;base64,${Buffer.from(source).toString('base64')}`;
    const module = (await import(url)) as WorkerModule;
    if (typeof module.WorkerMessageHandler?.initializeFromPort !== 'function') throw new Error('no WorkerMessageHandler');
    return { module, applied: patched.applied, missed: patched.missed };
  } catch {
    const module = (await import(WORKER)) as WorkerModule;
    return { module, applied: [], missed: [...PATCHES.map((p) => p.name), PRELUDE_NAME] };
  }
}

type Listener = (event: { data: unknown }) => void;

/**
 * Both ends of an in-thread worker: what one side posts, every listener gets (pdf.js's
 * MessageHandlers pick their own messages by name), as a structured clone delivered in a
 * microtask — the semantics of pdf.js's own LoopbackPort for its fake worker. Messages of plain
 * data (most of them: text content chunks, stream pulls) are copied by plainCopy, which gives
 * the same as structuredClone, faster.
 */
export class LoopbackPort {
  private readonly listeners = new Set<Listener>();
  private readonly deferred = Promise.resolve();

  postMessage(message: unknown, transfer?: TransferListItem[]): void {
    const copy = transfer?.length ? undefined : plainCopy(message, 0);
    const event = { data: copy !== undefined ? copy : structuredClone(message, transfer ? { transfer } : undefined) };
    this.deferred.then(() => {
      for (const listener of this.listeners) listener.call(this, event);
    });
  }

  /** pdf.js's MessageHandlers stop listening by aborting the signal they pass. */
  addEventListener(_name: string, listener: Listener, options?: { signal?: AbortSignal }): void {
    const signal = options?.signal;
    if (signal?.aborted) return;
    this.listeners.add(listener);
    signal?.addEventListener('abort', () => this.listeners.delete(listener), { once: true });
  }

  removeEventListener(_name: string, listener: Listener): void {
    this.listeners.delete(listener);
  }

  terminate(): void {
    this.listeners.clear();
  }
}

const NOT_PLAIN = Symbol('not plain');
/** Deeper than this, structuredClone does the copy (it also handles cycles). */
const MAX_DEPTH = 16;

/**
 * The structured clone of a message made only of primitives, arrays and plain objects, copied in
 * JavaScript — for the many small messages pdf.js sends (text content chunks, stream pulls) much
 * faster than structuredClone's serialise-and-parse. Anything else (typed arrays, class
 * instances, Maps, errors, sparse arrays, cycles …): undefined, and structuredClone copies it.
 */
function plainCopy(value: unknown, depth: number): unknown {
  const out = copyValue(value, depth);
  return out === NOT_PLAIN ? undefined : out;
}

function copyValue(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object') return typeof value === 'function' || typeof value === 'symbol' ? NOT_PLAIN : value;
  if (depth > MAX_DEPTH) return NOT_PLAIN;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) return NOT_PLAIN;
      const v = copyValue(value[i], depth + 1);
      if (v === NOT_PLAIN) return NOT_PLAIN;
      out[i] = v;
    }
    return out;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return NOT_PLAIN;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    // (a key a PDF can name: assigning it would set the copy's prototype)
    if (key === '__proto__') return NOT_PLAIN;
    const v = copyValue((value as Record<string, unknown>)[key], depth + 1);
    if (v === NOT_PLAIN) return NOT_PLAIN;
    out[key] = v;
  }
  return out;
}
