import type { ApiInput } from "./containment-types";
import type { IamCallRecord } from "./step-result";

interface ResponseMetadata {
  $metadata: { requestId?: string; httpStatusCode?: number };
}

export type RecordedResponse<Output> = { ok: true; output: Output } | { ok: false; error: unknown };

/**
 * Sends IAM requests and keeps a record of each one: operation, input, AWS
 * request id and, for a failure, the SDK's error name and message.
 */
export class IamCallRecorder {
  readonly calls: IamCallRecord[] = [];

  constructor(private readonly now: () => Date) {}

  async send<Output extends ResponseMetadata>(
    operation: string,
    input: ApiInput,
    request: () => Promise<Output>,
  ): Promise<RecordedResponse<Output>> {
    const at = this.now().toISOString();
    try {
      const output = await request();
      this.calls.push({
        operation,
        input,
        at,
        requestId: output?.$metadata?.requestId ?? null,
        httpStatusCode: output?.$metadata?.httpStatusCode ?? null,
        errorCode: null,
        errorMessage: null,
      });
      return { ok: true, output };
    } catch (error) {
      this.calls.push({ operation, input, at, ...describeError(error) });
      return { ok: false, error };
    }
  }

  get last(): IamCallRecord | undefined {
    return this.calls.at(-1);
  }
}

/**
 * Reads the fields of an SDK service exception. Its `name` is the modeled
 * error (NoSuchEntityException) or IAM's own code for unmodeled ones
 * (AccessDenied); a network failure has no request id.
 */
function describeError(error: unknown): Pick<IamCallRecord, "requestId" | "httpStatusCode" | "errorCode" | "errorMessage"> {
  const fields = (typeof error === "object" && error !== null ? error : {}) as {
    name?: unknown;
    message?: unknown;
    $metadata?: { requestId?: string; httpStatusCode?: number };
  };
  return {
    requestId: fields.$metadata?.requestId ?? null,
    httpStatusCode: fields.$metadata?.httpStatusCode ?? null,
    errorCode: typeof fields.name === "string" ? fields.name : "Error",
    errorMessage: typeof fields.message === "string" ? fields.message : String(error),
  };
}

/** Describes the last failed call for a person: `GetUser failed: AccessDenied: …`. */
export function describeFailure(record: IamCallRecord | undefined): string {
  if (!record) {
    return "No request was sent.";
  }
  return `${record.operation} failed: ${record.errorCode ?? "Error"}: ${record.errorMessage ?? "no message"}`;
}
