/**
 * Field errors from the same zod schemas the server validates with, in the same reasons the
 * server reports (`details.fields[].reason`), so a field shows the same message whether the
 * browser or the API caught the problem.
 */
import type { TFunction } from "i18next";
import type { z } from "zod";
import { ApiError } from "../api/client";

/** field name → message shown next to it. */
export type FieldErrors = Record<string, string>;

type Issue = z.core.$ZodIssue;

export function reasonOf(issue: Issue): string {
  switch (issue.code) {
    case "invalid_type":
      return /received undefined/.test(issue.message) ? "required" : "invalid_type";
    case "too_big":
      return issue.origin === "string" ? "too_long" : "invalid_value";
    case "too_small":
      if (issue.origin === "string") return Number(issue.minimum) === 1 ? "required" : "too_short";
      return "invalid_value";
    case "invalid_format":
      return issue.format === "date" ? "invalid_date" : "invalid_format";
    case "custom": {
      const reason = (issue.params as { reason?: unknown } | undefined)?.reason;
      return typeof reason === "string" ? reason : "invalid_value";
    }
    default:
      return "invalid_value";
  }
}

export function messageFor(t: TFunction, reason: string, fallback?: string): string {
  const key = `fieldReason.${reason}`;
  const text = t(key);
  return text === key ? (fallback ?? t("fieldReason.invalid_value")) : text;
}

export type Validation<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

export function validate<S extends z.ZodType>(
  schema: S,
  input: unknown,
  t: TFunction,
): Validation<z.output<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join(".") || "form";
    errors[field] ??= messageFor(t, reasonOf(issue));
  }
  return { ok: false, errors };
}

/** The API's field issues as field errors (its message is already in the chosen language). */
export function serverFieldErrors(err: unknown, t: TFunction): FieldErrors {
  if (!(err instanceof ApiError)) return {};
  const errors: FieldErrors = {};
  for (const f of err.fields) errors[f.field] ??= f.message ?? messageFor(t, f.reason);
  return errors;
}
