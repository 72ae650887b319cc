/**
 * Word 97–2003 (.doc) and WPS Office (.wps) files, and whatever else carries a .doc name (RTF,
 * saved web pages): LibreOffice converts them to DOCX, which the DOCX reader reads. Parsing the
 * binary Word format ourselves would mean reimplementing a large part of Word; LibreOffice has.
 *
 * Each conversion runs in a fresh temporary directory with its own LibreOffice profile, so that
 * parallel conversions do not share (and lock) one profile, and in its own process group, so that
 * a timeout kills soffice.bin and not only the soffice wrapper script.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SourceInfo } from '../model/report.js';
import { ReadFailure, type SourceDocument } from './document.js';
import { ENCRYPTED_MESSAGE } from './docx.js';
import { oleFacts } from './ole.js';

export const CONVERSION_TIMEOUT_MS = 60_000;

const INSTALL = 'Debian/Ubuntu: apt-get install libreoffice-writer-nogui; macOS: brew install --cask libreoffice; Windows: libreoffice.org';
const INSTALL_HINT = `.doc and .wps files are converted with LibreOffice, which is not installed; install it (${INSTALL}) or set GONGKAI_SOFFICE to its soffice program`;

const INSTALL_LOCATIONS =
  process.platform === 'darwin'
    ? ['/Applications/LibreOffice.app/Contents/MacOS/soffice']
    : process.platform === 'win32'
      ? ['C:\\Program Files\\LibreOffice\\program\\soffice.exe', 'C:\\Program Files (x86)\\LibreOffice\\program\\soffice.exe']
      : [];

export interface ConvertOptions {
  timeoutMs?: number;
}

export async function convertLegacyWord(
  data: Buffer,
  source: SourceInfo,
  readDocx: (docx: Buffer, source: SourceInfo) => Promise<SourceDocument>,
  opts: ConvertOptions = {},
): Promise<SourceDocument> {
  const facts = oleFacts(data);
  if (facts.encryptedPackage || facts.encryptedWord) throw new ReadFailure('ENCRYPTED', ENCRYPTED_MESSAGE);
  const soffice = findSoffice();
  const ext = extname(source.path).toLowerCase() === '.wps' ? 'wps' : 'doc';
  const dir = await mkdtemp(join(tmpdir(), 'gongkai-word-'));
  try {
    const input = join(dir, `input.${ext}`);
    const outDir = join(dir, 'out');
    await writeFile(input, data);
    await run(
      soffice,
      ['--headless', '--norestore', '--nologo', `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`, '--convert-to', 'docx:MS Word 2007 XML', '--outdir', outDir, input],
      opts.timeoutMs ?? CONVERSION_TIMEOUT_MS,
    );
    const produced = (await readdir(outDir).catch(() => [] as string[])).find((n) => n.toLowerCase().endsWith('.docx'));
    if (!produced) throw new ReadFailure('CORRUPT', 'LibreOffice could not convert the file to DOCX (damaged, or not a Word document)');
    const docx = await readFile(join(outDir, produced));
    // the document is what the user gave us, not the intermediate DOCX
    const format = source.format === 'ole' || source.format === 'doc' ? ext : source.format;
    return await readDocx(docx, { ...source, format });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function findSoffice(): string {
  const configured = process.env.GONGKAI_SOFFICE;
  if (configured) {
    if (isExecutable(configured)) return configured;
    throw new ReadFailure('CONVERTER_MISSING', `GONGKAI_SOFFICE is set to ${configured}, which is not an executable program; point it at LibreOffice's soffice, or install LibreOffice (${INSTALL})`);
  }
  const names = process.platform === 'win32' ? ['soffice.exe', 'soffice.com'] : ['soffice', 'libreoffice'];
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const name of names) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  // the installers for macOS and Windows do not put soffice on the PATH
  for (const candidate of INSTALL_LOCATIONS) if (isExecutable(candidate)) return candidate;
  throw new ReadFailure('CONVERTER_MISSING', INSTALL_HINT);
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function run(command: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    // soffice reports failures on stdout but may still exit 0: the missing output file decides
    const child = spawn(command, args, { detached: true, stdio: 'ignore' });
    let timedOut = false;
    let grace: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
      // do not wait for ever on a process that survives SIGKILL (stuck in the kernel)
      grace = setTimeout(() => reject(timeout(timeoutMs)), 5_000);
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new ReadFailure('CONVERTER_MISSING', `cannot run ${command} (${(e as NodeJS.ErrnoException).code ?? e.message}); install LibreOffice (${INSTALL}) or set GONGKAI_SOFFICE to its soffice program`));
    });
    child.on('exit', () => {
      clearTimeout(timer);
      clearTimeout(grace);
      if (timedOut) reject(timeout(timeoutMs));
      else {
        // the wrapper script may leave soffice.bin behind on a crash: nothing may outlive the conversion
        killGroup(child.pid);
        resolve();
      }
    });
  });
}

const timeout = (ms: number) => new ReadFailure('TIMEOUT', `LibreOffice did not finish converting the file within ${Math.round(ms / 1000)} s`);

function killGroup(pid: number | undefined): void {
  if (!pid) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // the group is already gone
  }
}
