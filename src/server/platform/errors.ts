import type { ErrorCode, FieldReason } from "./messages.js";

export interface FieldIssue {
  /** Dotted path of the field, e.g. "cpr" or "contacts.0.phone". */
  field: string;
  reason: FieldReason;
  message?: string;
}

export interface ErrorDetails {
  fields?: FieldIssue[];
  [key: string]: unknown;
}

/** The one error type. Rendered as { error: { code, message, details? } } by platform/error-handler. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    readonly details?: ErrorDetails,
  ) {
    super(code);
    this.name = "AppError";
  }

  static notFound(code: ErrorCode = "not_found"): AppError {
    return new AppError(code, 404);
  }

  static forbidden(): AppError {
    return new AppError("forbidden", 403);
  }

  static field(
    field: string,
    reason: FieldReason,
    code: ErrorCode = "validation_failed",
    status = 400,
  ): AppError {
    return new AppError(code, status, { fields: [{ field, reason }] });
  }
}

/** PostgreSQL's unique_violation, also when Drizzle wraps the driver's error. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: unknown } | null;
  return e?.code === "23505" || (e?.cause !== undefined && e.cause !== err && isUniqueViolation(e.cause));
}
