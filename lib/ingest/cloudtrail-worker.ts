/**
 * Body of a worker thread that reads CloudTrail files for an ingest: it
 * parses, normalises, compresses and stores the records of one file at a
 * time with its own database connections, exactly as ingestCloudTrailFile
 * does on the main thread. The main thread sends the file's decompressed
 * bytes; each chunk taken is acknowledged, so that the main thread keeps only
 * a few chunks in flight.
 */
import { Readable } from "node:stream";
import { type MessagePort, parentPort, workerData } from "node:worker_threads";

import { disconnect } from "@/lib/db/client";
import { installAsnTable } from "@/lib/detect/lookup-asn";
import { logger } from "@/lib/log";

import {
  type CloudTrailWorkerData,
  type CloudTrailWorkerJob,
  deserializeError,
  type FromWorker,
  serializeError,
  type ToWorker,
} from "./cloudtrail-worker-messages";
import { ingestCloudTrailFile } from "./ingest-cloudtrail-file";

/** Messages from the main thread, taken one at a time. */
class Inbox {
  private readonly queue: ToWorker[] = [];
  private waiting: ((message: ToWorker) => void) | null = null;

  constructor(port: MessagePort) {
    port.on("message", (message: ToWorker) => {
      const waiting = this.waiting;
      if (waiting !== null) {
        this.waiting = null;
        waiting(message);
      } else {
        this.queue.push(message);
      }
    });
  }

  next(): Promise<ToWorker> {
    const message = this.queue.shift();
    if (message !== undefined) {
      return Promise.resolve(message);
    }
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }
}

function send(port: MessagePort, message: FromWorker): void {
  port.postMessage(message);
}

/** The bytes of the current file, as the main thread sends them. */
async function* fileBytes(inbox: Inbox, port: MessagePort): AsyncGenerator<Buffer> {
  for (;;) {
    const message = await inbox.next();
    if (message.type === "data") {
      send(port, { type: "ack" });
      yield Buffer.from(message.chunk.buffer, message.chunk.byteOffset, message.chunk.byteLength);
    } else if (message.type === "end") {
      return;
    } else if (message.type === "error") {
      throw deserializeError(message.error);
    } else {
      throw new Error(`unexpected "${message.type}" message from the ingest while a file was being read`);
    }
  }
}

async function readFile(job: CloudTrailWorkerJob, inbox: Inbox, port: MessagePort): Promise<void> {
  try {
    const counts = await ingestCloudTrailFile({
      ...job,
      stream: Readable.from(fileBytes(inbox, port), { objectMode: false }),
      log: logger.child({ batchId: job.batchId, fileId: job.fileId, sourceFile: job.label }),
    });
    send(port, { type: "done", counts });
  } catch (error) {
    send(port, { type: "failed", error: serializeError(error) });
  }
}

async function run(port: MessagePort): Promise<void> {
  const inbox = new Inbox(port);
  for (;;) {
    const message = await inbox.next();
    if (message.type === "close") {
      await disconnect();
      port.close();
      return;
    }
    // Bytes of a file whose reading stopped early may still arrive; they are dropped.
    if (message.type === "file") {
      await readFile(message.job, inbox, port);
    }
  }
}

if (parentPort !== null) {
  installAsnTable((workerData as CloudTrailWorkerData).asnTable);
  await run(parentPort);
}
