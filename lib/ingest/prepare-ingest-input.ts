import type { Readable } from "node:stream";

import { DETECT_HEAD_BYTES, detectFileKind, type DetectedKind } from "./detect-file-kind";
import { HashingReader } from "./hashing-reader";
import { inputKeyHint, inputLabel, type IngestInput } from "./ingest-input";
import { openInputStream } from "./open-input";
import { openRegularFile } from "./open-regular-file";
import { peekStream } from "./peek-stream";

/** An input opened, decompressed and recognised, ready for its per-source reader. */
export interface PreparedInput {
  input: IngestInput;
  label: string;
  /** Decompressed bytes from the first one; `head` is replayed. */
  stream: Readable;
  head: Buffer;
  detected: DetectedKind;
  compressed: boolean;
  /** Stored size when known before reading (a file, a buffer); null for a stream. */
  size: number | null;
  /** Hashes the stored bytes (`ingest_files.sha256`). */
  raw: HashingReader;
  /** Hashes the decompressed bytes (`ingest_files.content_sha256`). */
  content: HashingReader;
}

const READ_CHUNK_BYTES = 256 * 1024;

/**
 * Opens an input, decompresses it when it is gzip (by its magic bytes), and
 * recognises its kind from the first 64 KiB. Throws when those bytes cannot be
 * read (missing file, a FIFO or device, corrupt gzip, the decompressed size
 * limit), unless reading failed after bytes that show the kind: the kind is
 * then recognised from them, `content.error` is set, and `stream` fails with
 * the error after those bytes.
 */
export async function prepareIngestInput(options: {
  input: IngestInput;
  maxDecompressedBytes: number;
}): Promise<PreparedInput> {
  const { input } = options;
  const label = inputLabel(input);
  const { source, size } = await openRawSource(input);
  const raw = new HashingReader(source);
  let content: HashingReader | null = null;
  try {
    const opened = await openInputStream({
      stream: raw.stream(),
      label,
      maxDecompressedBytes: options.maxDecompressedBytes,
    });
    content = new HashingReader(opened.stream);
    const peeked = await peekStream(content.stream(), DETECT_HEAD_BYTES);
    const detected = detectFileKind({ key: inputKeyHint(input), head: peeked.head });
    if (detected.kind === "unknown" && content.error !== null) {
      // Bytes cut short may not show their kind, so the read failure is the cause.
      throw content.error;
    }
    return { input, label, stream: peeked.stream, head: peeked.head, detected, compressed: opened.compressed, size, raw, content };
  } catch (error) {
    await content?.close();
    await raw.close();
    throw error;
  }
}

async function openRawSource(
  input: IngestInput,
): Promise<{ source: AsyncIterable<Uint8Array>; size: number | null }> {
  if (input.type === "path") {
    const { handle, size } = await openRegularFile(input.path);
    return { source: handle.createReadStream({ start: 0, highWaterMark: READ_CHUNK_BYTES }), size };
  }
  if (input.type === "buffer") {
    return { source: slices(input.body), size: input.body.length };
  }
  return { source: input.stream, size: null };
}

async function* slices(body: Buffer): AsyncGenerator<Buffer> {
  for (let at = 0; at < body.length; at += READ_CHUNK_BYTES) {
    yield body.subarray(at, at + READ_CHUNK_BYTES);
  }
}
