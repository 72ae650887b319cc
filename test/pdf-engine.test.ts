/**
 * pdf.js as gongkai runs it (src/read/pdf/engine.ts, worker.ts): the worker patches apply to the
 * installed pdfjs-dist, a patch whose source has changed is left out, and the patched worker
 * gives the text content and the operator lists the unpatched one gives — on the real reports
 * (composite TrueType fonts, a vertical font) and on small PDFs. The in-thread port copies
 * messages as structuredClone would and lets go of the documents' listeners.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { connectWorker, openPdf, pdfjs, workerPatches, type PdfDocument, type PdfWorker } from '../src/read/pdf/engine.js';
import { LoopbackPort, PATCHES, patchWorkerSource, type WorkerModule } from '../src/read/pdf/worker.js';
import { fixtureCases } from './helpers.js';
import { writePdf } from './pdf-writer.js';

const WORKER = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
const workerSource = () => readFileSync(createRequire(import.meta.url).resolve(WORKER), 'utf8');
const ALL = [...PATCHES.map((p) => p.name), 'inflate-sync'];

describe('worker patches', () => {
  it('all apply to the installed pdfjs-dist, and run', async () => {
    const { applied, missed } = patchWorkerSource(workerSource());
    expect(missed).toEqual([]);
    expect(applied.sort()).toEqual([...ALL].sort());
    expect((await workerPatches()).sort()).toEqual([...ALL].sort());
  });

  it('a patch whose piece of source is not found exactly once is left out, the others apply', () => {
    const source = workerSource();
    const clone = PATCHES.find((p) => p.name === 'text-state-clone')!.replacements[0].find;
    const font = PATCHES.find((p) => p.name === 'font-no-repair')!.replacements[3].find;
    // one piece of a patch missing: the whole patch is left out (not half of it)
    const changed = source.replace(clone, clone.replace('Object.create(this)', 'Object.create( this )')).replace(font, `${font}\n${font}`);
    const { source: out, applied, missed } = patchWorkerSource(changed);
    expect(missed.sort()).toEqual(['font-no-repair', 'text-state-clone']);
    expect(applied.sort()).toEqual(ALL.filter((n) => !missed.includes(n)).sort());
    expect(out).not.toContain('gongkai: font-no-repair');
    expect(out).toContain('gongkai: cmap-sparse-foreach');
  });
});

// ---------------------------------------------------------------------------------------------
// the patched worker reads what the unpatched one reads
// ---------------------------------------------------------------------------------------------

let unpatched: PdfWorker | null = null;
async function unpatchedWorker(): Promise<PdfWorker> {
  const module = (await import(WORKER)) as WorkerModule;
  unpatched ??= connectWorker(await pdfjs(), module);
  return unpatched;
}

/** Everything gongkai takes from a page: its text content and its operator list. */
async function pageData(doc: PdfDocument) {
  const { OPS } = await pdfjs();
  const pages = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const text = await page.getTextContent();
    const items = text.items.map((it) => ('str' in it ? { str: it.str, dir: it.dir, transform: it.transform, width: it.width, height: it.height, fontName: it.fontName, hasEOL: it.hasEOL } : it));
    // text styles without ascent and descent (font-no-repair: from the descriptor, not the file)
    const styles = Object.fromEntries(Object.entries(text.styles).map(([k, s]) => [k, { fontFamily: s.fontFamily, vertical: s.vertical }]));
    const ascents = Object.values(text.styles).map((s) => s.ascent);
    const ops = await page.getOperatorList();
    const args = ops.argsArray.map((a, i) => {
      if (ops.fnArray[i] !== OPS.showText) return a;
      const glyphs = (a as unknown[][])[0];
      return glyphs.map((g) => (typeof g === 'number' ? g : { unicode: (g as any).unicode, width: (g as any).width, vmetric: (g as any).vmetric, isSpace: (g as any).isSpace }));
    });
    pages.push({ items, styles, fnArray: ops.fnArray, args, ascents });
    page.cleanup();
  }
  // font names carry the document's id (g_d3_f1), which differs between the two reads
  return JSON.parse(JSON.stringify(pages, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as Float32Array) : v)).replace(/g_d\d+_/g, 'g_d_'));
}

/** A PDF's page data, read with gongkai's patched worker or with another. */
async function readWith(data: Buffer, worker?: PdfWorker) {
  const doc = await openPdf(data, { worker });
  try {
    return await pageData(doc);
  } finally {
    await doc.destroy();
  }
}

async function both(data: Buffer) {
  return { patched: await readWith(data), original: await readWith(data, await unpatchedWorker()) };
}

describe('the patched worker reads what the unpatched one reads', () => {
  for (const c of fixtureCases((f) => f.endsWith('.pdf'))) {
    it(`${c.name}: text content and operator lists`, async () => {
      const { patched, original } = await both(readFileSync(c.source));
      expect(patched.length).toBe(original.length);
      // the two are different workers: the embedded fonts were not read by the patched one
      // (their ascents come from the font descriptors instead of the font files)
      expect(patched.map((p: any) => p.ascents)).not.toEqual(original.map((p: any) => p.ascents));
      const strip = (pages: any[]) => pages.map(({ ascents, ...rest }) => rest);
      expect(strip(patched)).toEqual(strip(original));
    });
  }

  it('small PDFs: Identity-H with ToUnicode, a predefined CMap, Helvetica, an owner password', async () => {
    const ops = [
      { text: '⾏政复议和⾏政诉讼由⼈民政府办理', x: 40, y: 700, size: 12, font: 'cjk' as const },
      { text: '洪泽区人民政府二〇二三年政府信息公开工作年度报告', x: 40, y: 650, size: 12, font: 'gb' as const },
      { text: 'Annual report 2023', x: 40, y: 600, size: 10 },
      { line: [40, 580, 400, 580] as [number, number, number, number] },
    ];
    for (const pdf of [writePdf([{ ops }]), writePdf([{ ops }, { ops }], { encrypt: { user: '', owner: 'o' } })]) {
      const { patched, original } = await both(pdf);
      expect(patched).toEqual(original);
      expect(patched[0].items.map((t: any) => t.str).join('')).toContain('Annual report 2023');
    }
  });
});

/** A one-page PDF whose content stream is Flate-compressed, then altered by `damage`. */
function flatePdf(damage: (deflated: Buffer) => Buffer): Buffer {
  const lines = Array.from({ length: 40 }, (_, i) => `BT /F1 10 Tf 40 ${800 - i * 18} Td (Line ${i + 1} of the annual report, compressed) Tj ET`);
  const data = damage(deflateSync(Buffer.from(lines.join('\n'), 'latin1')));
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    Buffer.concat([Buffer.from(`<< /Length ${data.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')]),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ];
  const chunks = [Buffer.from('%PDF-1.4\n', 'latin1')];
  const offsets: number[] = [];
  let offset = chunks[0].length;
  objects.forEach((body, i) => {
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), Buffer.from(body as string | Buffer), Buffer.from('\nendobj\n', 'latin1')]);
    offsets.push(offset);
    offset += chunk.length;
    chunks.push(chunk);
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  chunks.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(chunks);
}

describe('inflate-sync: streams inflated as pdf.js inflates them', () => {
  const cases: [string, (d: Buffer) => Buffer][] = [
    ['whole', (d) => d],
    ['junk after the end', (d) => Buffer.concat([d, Buffer.from('\r\n\r\njunk', 'latin1')])],
    ['without its checksum', (d) => d.subarray(0, d.length - 4)],
    ['cut short', (d) => d.subarray(0, Math.floor(d.length * 0.6))],
    ['damaged in the middle', (d) => Buffer.concat([d.subarray(0, 40), Buffer.alloc(16, 0xff), d.subarray(56)])],
  ];
  for (const [name, damage] of cases) {
    it(name, async () => {
      // the same text, or the same failure
      const outcome = (p: Promise<unknown>) => p.then((data) => ({ data }), (e: Error) => ({ error: `${e.name}: ${e.message}` }));
      const pdf = flatePdf(damage);
      const patched = (await outcome(readWith(pdf))) as any;
      const original = await outcome(readWith(pdf, await unpatchedWorker()));
      expect(patched).toEqual(original);
      if (name === 'whole') expect(patched.data[0].items.filter((t: any) => t.str.startsWith('Line'))).toHaveLength(40);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// the in-thread port
// ---------------------------------------------------------------------------------------------

/** What one post delivers to a listener. */
async function delivered(message: unknown, transfer?: ArrayBuffer[]): Promise<unknown> {
  const port = new LoopbackPort();
  const got = new Promise<unknown>((resolve) => port.addEventListener('message', (e) => resolve(e.data)));
  port.postMessage(message, transfer);
  return got;
}

describe('LoopbackPort', () => {
  it('delivers a copy, as structuredClone would', async () => {
    const plain = { action: 'x', data: { items: [{ str: 'a', transform: [1, 0, 0, 1, 2, -0] }], styles: Object.create(null) }, n: undefined, big: 10n };
    const out = (await delivered(plain)) as typeof plain;
    expect(out).toEqual(structuredClone(plain));
    expect(out).not.toBe(plain);
    expect(out.data.items[0]).not.toBe(plain.data.items[0]);
    expect(Object.getPrototypeOf(out.data.styles)).toBe(Object.prototype);
    expect(Object.is(out.data.items[0].transform[5], -0)).toBe(true);
  });

  it('typed arrays, class instances, sparse arrays, cycles, a __proto__ key and transfers: structuredClone', async () => {
    class Glyph {
      constructor(public unicode: string) {}
    }
    const sparse = [1, , 3]; // eslint-disable-line no-sparse-arrays
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const view = new Uint8Array(new ArrayBuffer(8), 2, 4);
    const proto = JSON.parse('{"info": {"__proto__": {"polluted": true}}}');
    for (const message of [{ g: new Glyph('行') }, { sparse }, cyclic, { view }, { m: new Map([[1, 2]]) }, proto]) {
      expect(await delivered(message)).toEqual(structuredClone(message));
    }
    const out = (await delivered(proto)) as any;
    expect(Object.getPrototypeOf(out.info)).toBe(Object.prototype);
    expect(Object.keys(out.info)).toEqual(['__proto__']);
    const buffer = new ArrayBuffer(4);
    const moved = (await delivered({ buffer }, [buffer])) as { buffer: ArrayBuffer };
    expect(moved.buffer.byteLength).toBe(4);
    expect(buffer.byteLength).toBe(0); // transferred
  });

  it('a listener added with a signal stops listening when it is aborted', async () => {
    const port = new LoopbackPort();
    const heard: unknown[] = [];
    const ac = new AbortController();
    port.addEventListener('message', (e) => heard.push(e.data), { signal: ac.signal });
    port.postMessage(1);
    await Promise.resolve();
    await Promise.resolve();
    ac.abort();
    port.postMessage(2);
    await new Promise((r) => setTimeout(r, 0));
    expect(heard).toEqual([1]);
  });

  it('documents read one after the other leave no listeners behind', async () => {
    const port = new LoopbackPort();
    let listeners = 0;
    const add = port.addEventListener.bind(port);
    port.addEventListener = (name, listener, options) => {
      listeners++;
      options?.signal?.addEventListener('abort', () => listeners--);
      add(name, listener, options);
    };
    const lib = await pdfjs();
    const module = (await import(`${WORKER}`)) as WorkerModule;
    module.WorkerMessageHandler.initializeFromPort(port);
    const worker = new lib.PDFWorker({ port: port as any, verbosity: 0 });
    const pdf = writePdf([{ ops: [{ text: 'Annual report', x: 40, y: 700 }] }]);
    const before = listeners;
    for (let i = 0; i < 3; i++) {
      const doc = await openPdf(pdf, { worker });
      await doc.destroy();
    }
    expect(listeners).toBe(before);
  });
});
