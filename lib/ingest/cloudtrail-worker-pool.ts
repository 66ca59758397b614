/**
 * Worker threads that read CloudTrail files for a bulk ingest. Parsing,
 * normalising and compressing records took most of the ingest's CPU time on
 * one thread while PostgreSQL left part of the other core idle. A file read
 * in a worker runs beside the main thread and the other file. Each worker
 * runs the same reader as the main thread (ingestCloudTrailFile), so what is
 * stored, counted and rejected does not depend on where a file was read.
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

import { sharedAsnTable } from "@/lib/detect/lookup-asn";
import { logger } from "@/lib/log";
import { PROJECT_ROOT } from "@/lib/project-root";

import {
  type CloudTrailWorkerData,
  deserializeError,
  type FromWorker,
  serializeError,
  type ToWorker,
} from "./cloudtrail-worker-messages";
import type { FileIngestContext } from "./ingest-context";
import type { FileCounts } from "./ingest-summary";
import { compiledWorker } from "./worker-bundle";

/** Chunks of a file sent ahead of what the worker has taken. */
const CHUNKS_IN_FLIGHT = 4;

/**
 * Bytes gathered into one message. gunzip yields chunks of up to 64 KiB, and
 * with a message and an acknowledgement per chunk, posting messages took about
 * 3 % of a worker's CPU time in a profile of 200,000 records.
 */
const MESSAGE_BYTES = 256 * 1024;

/**
 * Old and young generation of each worker's heap, in MiB. A worker keeps one
 * file's chunks and one chunk of rows (about 5 MB). With V8's default young
 * generation, the peak resident memory of a 200,000-record ingest was 388 MiB.
 * With 8 MiB it is 331 MiB, for the same time.
 */
const WORKER_HEAP_MB = 64;
const WORKER_YOUNG_MB = 8;

/** Time a worker gets to close its connections before it is stopped. */
const CLOSE_TIMEOUT_MS = 5_000;

/** Loads the worker's TypeScript through tsx, when it cannot be compiled (see worker-bundle.ts). */
const TSX_ENTRY = pathToFileURL(join(PROJECT_ROOT, "lib", "ingest", "cloudtrail-worker-entry.mjs"));

function post(worker: Worker, message: ToWorker, transfer?: ArrayBuffer[]): void {
  worker.postMessage(message, transfer);
}

/** Sends a file's bytes to a worker and resolves with the counts it reports. */
function readInWorker(worker: Worker, context: FileIngestContext): Promise<FileCounts> {
  return new Promise<FileCounts>((resolve, reject) => {
    let credit = CHUNKS_IN_FLIGHT;
    let settled = false;
    let wake: (() => void) | null = null;
    const resume = () => {
      const waiting = wake;
      wake = null;
      waiting?.();
    };
    const settle = (outcome: () => void) => {
      if (settled) {
        return;
      }
      settled = true;
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onExit);
      resume();
      outcome();
    };
    const onMessage = (message: FromWorker) => {
      if (message.type === "ack") {
        credit += 1;
        resume();
      } else if (message.type === "done") {
        settle(() => resolve(message.counts));
      } else {
        settle(() => reject(deserializeError(message.error)));
      }
    };
    const onError = (error: Error) => settle(() => reject(error));
    const onExit = (code: number) =>
      settle(() =>
        reject(
          new Error(
            `the worker thread reading ${context.label} stopped with exit code ${code} before the end of the file; ` +
              "ingest the file again to store the rest",
          ),
        ),
      );
    worker.on("message", onMessage);
    worker.on("error", onError);
    worker.on("exit", onExit);
    post(worker, { type: "file", job: { batchId: context.batchId, fileId: context.fileId, label: context.label } });

    let gathered: Buffer[] = [];
    let gatheredBytes = 0;
    const send = async () => {
      while (credit === 0 && !settled) {
        await new Promise<void>((resume) => {
          wake = resume;
        });
      }
      if (settled) {
        return;
      }
      credit -= 1;
      // A copy, in a buffer of its own that can be transferred: a chunk may be
      // a view into a buffer the decompressor reuses.
      const copy = new Uint8Array(gatheredBytes);
      let offset = 0;
      for (const part of gathered) {
        copy.set(part, offset);
        offset += part.length;
      }
      gathered = [];
      gatheredBytes = 0;
      post(worker, { type: "data", chunk: copy }, [copy.buffer]);
    };
    const pump = async () => {
      try {
        for await (const chunk of context.stream as AsyncIterable<Buffer>) {
          gathered.push(chunk);
          gatheredBytes += chunk.length;
          if (gatheredBytes >= MESSAGE_BYTES) {
            await send();
          }
          if (settled) {
            return;
          }
        }
        if (gatheredBytes > 0) {
          await send();
        }
        if (!settled) {
          post(worker, { type: "end" });
        }
      } catch (error) {
        // The bytes read before the failure are read as on the calling thread.
        if (gatheredBytes > 0) {
          await send();
        }
        if (!settled) {
          post(worker, { type: "error", error: serializeError(error) });
        }
      }
    };
    void pump();
  });
}

export class CloudTrailWorkerPool {
  private readonly idle: Worker[] = [];
  private readonly all = new Set<Worker>();

  /** Reads one CloudTrail file in a worker; same contract as ingestCloudTrailFile. */
  async ingest(context: FileIngestContext): Promise<FileCounts> {
    const worker = this.idle.pop() ?? this.spawn();
    try {
      return await readInWorker(worker, context);
    } finally {
      // A worker that stopped has left the pool. One whose file failed is reused.
      if (this.all.has(worker)) {
        this.idle.push(worker);
      }
    }
  }

  /** Stops the workers once they have closed their database connections. */
  async close(): Promise<void> {
    const workers = [...this.all];
    this.idle.length = 0;
    await Promise.all(
      workers.map(async (worker) => {
        const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
        post(worker, { type: "close" });
        const timer = setTimeout(() => void worker.terminate(), CLOSE_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
      }),
    );
  }

  private spawn(): Worker {
    const worker = new Worker(compiledWorker("lib/ingest/cloudtrail-worker.ts") ?? TSX_ENTRY, {
      workerData: { asnTable: sharedAsnTable() } satisfies CloudTrailWorkerData,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
      stdout: false,
      stderr: false,
    });
    this.all.add(worker);
    worker.on("error", (error) => logger.warn({ err: error }, "ingest worker thread failed"));
    worker.once("exit", () => {
      this.all.delete(worker);
      const index = this.idle.indexOf(worker);
      if (index !== -1) {
        this.idle.splice(index, 1);
      }
    });
    return worker;
  }
}
