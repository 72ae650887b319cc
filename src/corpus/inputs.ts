/**
 * The files an ingest reads: files named on the command line, every report file under a folder,
 * and glob patterns (quoted, so the shell leaves them alone: "reports/**\/*.pdf").
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';

/** The formats the readers know (read/index.ts); other files in a folder are not reports. */
export const REPORT_EXTENSIONS = ['txt', 'md', 'markdown', 'html', 'htm', 'shtml', 'xhtml', 'pdf', 'docx', 'doc', 'wps'];

export interface Inputs {
  files: string[];
  /** Inputs that named nothing (a missing path, a pattern matching no file). */
  unmatched: string[];
}

export async function expandInputs(inputs: string[]): Promise<Inputs> {
  const files: string[] = [];
  const unmatched: string[] = [];
  const pattern = `**/*.{${REPORT_EXTENSIONS.join(',')}}`;
  for (const input of inputs) {
    let found: string[];
    const kind = kindOf(input);
    if (kind === 'file') found = [input];
    else if (kind === 'dir') found = (await glob(pattern, { cwd: input, caseSensitiveMatch: false, onlyFiles: true })).map((f) => joinPath(input, f));
    else if (isDynamicPattern(input)) found = await glob(input, { onlyFiles: true, caseSensitiveMatch: false, expandDirectories: false });
    else found = [];
    if (!found.length) unmatched.push(input);
    files.push(...found.sort());
  }
  // the same file named twice (a folder and a file in it) is read once
  const seen = new Set<string>();
  return {
    files: files.filter((f) => {
      const abs = resolve(f);
      if (seen.has(abs)) return false;
      seen.add(abs);
      return true;
    }),
    unmatched,
  };
}

function kindOf(path: string): 'file' | 'dir' | 'none' {
  try {
    const st = statSync(path);
    return st.isDirectory() ? 'dir' : 'file';
  } catch {
    return 'none';
  }
}

const joinPath = (dir: string, file: string) => (dir.endsWith('/') ? `${dir}${file}` : `${dir}/${file}`);
