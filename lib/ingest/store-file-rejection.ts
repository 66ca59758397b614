import { db } from "@/lib/db/client";

/** Records that a whole file (or a path given on the command line) was rejected. */
export async function storeFileRejection(options: {
  batchId: string;
  fileId: string | null;
  path: string;
  reason: string;
}): Promise<void> {
  await db().rejectedRecord.create({
    data: { batchId: options.batchId, fileId: options.fileId, path: options.path, reason: options.reason },
  });
}
