import { UploadBatchError } from "@/lib/ingest/upload-batch";

import { ApiError } from "./api-error";

/** Runs an upload batch action and maps its refusal to the matching API error. */
export async function withUploadErrors<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof UploadBatchError) {
      throw new ApiError(error.code, error.message, { cause: error });
    }
    throw error;
  }
}
