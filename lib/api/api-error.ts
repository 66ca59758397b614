/**
 * Codes of the JSON error envelope and the HTTP status each one maps to. A
 * client branches on the code, never on the message.
 */
export const API_ERROR_STATUS = {
  /** The body is not readable JSON. */
  bad_request: 400,
  /** No valid session or API token came with the request. */
  unauthenticated: 401,
  /** The caller's role does not allow the action. */
  forbidden: 403,
  /** The action does not fit the current state, for example an invalid status change. */
  conflict: 409,
  /** Nothing is stored under the requested id. */
  not_found: 404,
  /** The body is larger than the route accepts. */
  payload_too_large: 413,
  /** A path segment, query parameter or body field is invalid; `field` names it. */
  validation_failed: 422,
  /** The server failed. The message carries a reference to the logged details. */
  internal_error: 500,
} as const;

export type ApiErrorCode = keyof typeof API_ERROR_STATUS;

/** The body of every error response. */
export interface ApiErrorBody {
  error: {
    code: ApiErrorCode;
    message: string;
    /** Path of the invalid input, for example `params.id` or `query.all`. */
    field?: string;
    /** Facts a client can act on, for example the statuses allowed next after a `conflict`. */
    details?: Record<string, unknown>;
  };
}

/**
 * An error a route handler throws to answer with a given code. `message` is
 * safe to show to the caller; `internalMessage` goes to the log only.
 */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly publicMessage: string;
  readonly field: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: ApiErrorCode,
    publicMessage: string,
    options: { field?: string; details?: Record<string, unknown>; internalMessage?: string; cause?: unknown } = {},
  ) {
    super(options.internalMessage ?? publicMessage, { cause: options.cause });
    this.name = "ApiError";
    this.code = code;
    this.publicMessage = publicMessage;
    this.field = options.field;
    this.details = options.details;
  }

  get status(): number {
    return API_ERROR_STATUS[this.code];
  }

  toBody(): ApiErrorBody {
    const body: ApiErrorBody = { error: { code: this.code, message: this.publicMessage } };
    if (this.field !== undefined) {
      body.error.field = this.field;
    }
    if (this.details !== undefined) {
      body.error.details = this.details;
    }
    return body;
  }
}
