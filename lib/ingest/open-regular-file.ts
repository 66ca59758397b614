import { constants, type Stats } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";

/**
 * Names what a path is when it is not a regular file or a folder, or returns
 * null when it is one of those.
 */
export function describeSpecialFile(info: Stats): string | null {
  if (info.isFIFO()) {
    return "a named pipe (FIFO)";
  }
  if (info.isSocket()) {
    return "a socket";
  }
  if (info.isCharacterDevice()) {
    return "a character device";
  }
  if (info.isBlockDevice()) {
    return "a block device";
  }
  return null;
}

/** Builds the rejection reason for an input that is a FIFO, socket or device. */
export function notRegularFileReason(kind: string): string {
  return `is ${kind}, not a regular file; only regular files are read. Copy its data into a regular file and give that file instead`;
}

/** Raised when a path names a FIFO, socket or device instead of a regular file. */
export class NotRegularFileError extends Error {
  constructor(path: string, kind: string) {
    super(`${path} ${notRegularFileReason(kind)}`);
    this.name = "NotRegularFileError";
  }
}

/**
 * Opens a regular file for reading and returns its handle and size. The open
 * uses O_NONBLOCK because opening a FIFO for reading otherwise waits for a
 * writer, which may never come. The stat of the open handle then rejects
 * anything that is not a regular file, so a path swapped after it was listed
 * is caught too. O_NONBLOCK has no effect on reads of a regular file.
 */
export async function openRegularFile(path: string): Promise<{ handle: FileHandle; size: number }> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = await handle.stat();
    if (!info.isFile()) {
      throw new NotRegularFileError(path, describeSpecialFile(info) ?? "a folder");
    }
    return { handle, size: info.size };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
