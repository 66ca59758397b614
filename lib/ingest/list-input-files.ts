import { isUtf8 } from "node:buffer";
import type { Stats } from "node:fs";
import { lstat, readdir, readlink, realpath, stat } from "node:fs/promises";
import { join, resolve } from "node:path";

import type { SkippedFile } from "./ingest-summary";
import { describeSpecialFile, notRegularFileReason } from "./open-regular-file";

/** A path given or found that cannot be read as a file or folder. */
export interface UnreadableInput {
  path: string;
  reason: string;
}

export interface InputFileList {
  /** Regular files to read, each real file once, in the order given and then by name. */
  files: string[];
  /** Missing paths, dangling or looping links, FIFOs, sockets and devices. */
  unreadable: UnreadableInput[];
  /** Files and folders reached a second time (repeated, or through a link); each is read once. */
  repeated: SkippedFile[];
}

/**
 * Expands files and folders (recursively, in name order) into a list of
 * regular files. Symbolic links are followed, to files and to folders. Every
 * file and folder is keyed by its real path, so a file given twice, given
 * beside its folder or reached through a link is read once. A link back to a
 * folder already being read ends the walk there instead of looping.
 */
export async function listInputFiles(paths: string[]): Promise<InputFileList> {
  const lister = new InputLister();
  for (const given of paths) {
    await lister.add(resolve(given), { givenPath: given });
  }
  return lister.result;
}

class InputLister {
  readonly result: InputFileList = { files: [], unreadable: [], repeated: [] };
  /** Real path of each file and folder taken, with the path it was first reached by. */
  private readonly seen = new Map<string, string>();

  async add(path: string, options: { givenPath?: string } = {}): Promise<void> {
    const label = options.givenPath ?? path;
    const found = await this.follow(path, label);
    if (found === null) {
      return;
    }
    const { info, link } = found;
    const special = describeSpecialFile(info);
    if (special !== null) {
      this.reject(label, `${link}${notRegularFileReason(special)}`);
      return;
    }
    let real: string;
    try {
      real = await realpath(path);
    } catch (error) {
      this.reject(label, describeStatError(error, "file or folder not found"));
      return;
    }
    const first = this.seen.get(real);
    if (first !== undefined) {
      this.result.repeated.push({ file: label, reason: repeatedReason({ info, first, real, path }) });
      return;
    }
    this.seen.set(real, path);
    if (info.isDirectory()) {
      await this.walk(path);
    } else {
      this.result.files.push(path);
    }
  }

  /** Stats `path`, following a link. Records why it cannot be read and returns null when it cannot. */
  private async follow(path: string, label: string): Promise<{ info: Stats; link: string } | null> {
    let info: Stats;
    try {
      info = await lstat(path);
    } catch (error) {
      // Node decodes arguments as UTF-8, replacing bytes that are not UTF-8 with U+FFFD.
      const notFound = path.includes("\uFFFD")
        ? "file or folder not found; if its name is not valid UTF-8, rename it or give the folder that contains it"
        : "file or folder not found";
      this.reject(label, describeStatError(error, notFound));
      return null;
    }
    if (!info.isSymbolicLink()) {
      return { info, link: "" };
    }
    const target = await readlink(path).catch(() => "?");
    try {
      return { info: await stat(path), link: `symbolic link to ${target}, which ` };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason =
        code === "ELOOP"
          ? "is a loop of symbolic links"
          : describeStatError(error, "does not exist (a dangling link); fix or remove the link");
      this.reject(label, `symbolic link to ${target}, which ${reason}`);
      return null;
    }
  }

  private async walk(dir: string): Promise<void> {
    let entries: Buffer[];
    try {
      entries = await readdir(dir, { encoding: "buffer" });
    } catch (error) {
      this.reject(dir, describeStatError(error, "folder not found"));
      return;
    }
    const names: string[] = [];
    for (const entry of entries) {
      if (isUtf8(entry)) {
        names.push(entry.toString("utf8"));
      } else if (entry[0] !== 0x2e) {
        // A name that is not UTF-8 reads back as another name, which does not exist.
        this.reject(join(dir, escapeName(entry)), "the file name is not valid UTF-8, so it cannot be read or stored; rename it and ingest it again");
      }
    }
    names.sort((a, b) => a.localeCompare(b));
    for (const name of names) {
      // Hidden files are editor and OS litter (.DS_Store), never AWS output.
      if (!name.startsWith(".")) {
        await this.add(join(dir, name));
      }
    }
  }

  private reject(path: string, reason: string): void {
    this.result.unreadable.push({ path, reason });
  }
}

/** Formats a file name's bytes as UTF-8 text, with each invalid byte as `\xNN`. */
function escapeName(bytes: Buffer): string {
  let text = "";
  let at = 0;
  while (at < bytes.length) {
    const length = utf8SequenceLength(bytes, at);
    if (length === 0) {
      text += `\\x${bytes[at]!.toString(16).padStart(2, "0")}`;
      at += 1;
    } else {
      text += bytes.subarray(at, at + length).toString("utf8");
      at += length;
    }
  }
  return text;
}

/** Returns the length of the valid UTF-8 sequence at `at`, or 0 when the byte there starts none. */
function utf8SequenceLength(bytes: Buffer, at: number): number {
  for (const length of [1, 2, 3, 4]) {
    const part = bytes.subarray(at, at + length);
    if (part.length === length && isUtf8(part)) {
      return length;
    }
  }
  return 0;
}

function describeStatError(error: unknown, notFound: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") {
    return notFound;
  }
  if (code === "EACCES" || code === "EPERM") {
    return "cannot be read (permission denied)";
  }
  return `cannot be read (${code ?? String(error)})`;
}

function repeatedReason(options: { info: Stats; first: string; real: string; path: string }): string {
  const kind = options.info.isDirectory() ? "folder" : "file";
  const via = options.real === options.path ? "" : ` (real path ${options.real})`;
  return `same ${kind} as ${options.first}${via}; it is read once`;
}
