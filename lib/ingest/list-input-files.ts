import { readdir, stat } from "node:fs/promises";
import { join, resolve } from "node:path";

/** A path given on the command line that could not be read. */
export interface MissingInput {
  path: string;
  reason: string;
}

async function walk(dir: string, files: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    // Hidden files are editor and OS litter (.DS_Store), never AWS output.
    if (entry.name.startsWith(".")) {
      continue;
    }
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      await walk(path, files);
    } else if (entry.isFile()) {
      files.push(path);
    }
  }
}

/** Expands files and folders (recursively, in name order) into a list of files. */
export async function listInputFiles(paths: string[]): Promise<{ files: string[]; missing: MissingInput[] }> {
  const files: string[] = [];
  const missing: MissingInput[] = [];
  for (const given of paths) {
    const path = resolve(given);
    try {
      const info = await stat(path);
      if (info.isDirectory()) {
        await walk(path, files);
      } else {
        files.push(path);
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      missing.push({
        path: given,
        reason: code === "ENOENT" ? "file or folder not found" : `cannot be read (${code ?? String(error)})`,
      });
    }
  }
  return { files, missing };
}
