import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";

export interface WriteObjectOptions {
  outDir: string;
  /** Object key relative to outDir, with forward slashes, as in the S3 bucket. */
  key: string;
  /** The uncompressed content, in pieces. */
  chunks: Iterable<string>;
  gzip: boolean;
}

export interface WrittenObject {
  key: string;
  /** Hex SHA-256 of the uncompressed content. */
  sha256: string;
}

/**
 * Streams one file to disk, gzipped or not, hashing the uncompressed content
 * on the way. Node's gzip header has no file name and a zero mtime, so the
 * same content gives the same bytes on the same zlib build.
 */
export async function writeObject(options: WriteObjectOptions): Promise<WrittenObject> {
  const filePath = path.join(options.outDir, ...options.key.split("/"));
  await mkdir(path.dirname(filePath), { recursive: true });
  const hash = createHash("sha256");
  function* hashedChunks(): Generator<Buffer> {
    for (const chunk of options.chunks) {
      const bytes = Buffer.from(chunk, "utf8");
      hash.update(bytes);
      yield bytes;
    }
  }
  const source = Readable.from(hashedChunks(), { objectMode: false });
  if (options.gzip) {
    await pipeline(source, createGzip(), createWriteStream(filePath));
  } else {
    await pipeline(source, createWriteStream(filePath));
  }
  return { key: options.key, sha256: hash.digest("hex") };
}
