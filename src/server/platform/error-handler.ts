/**
 * The one place errors become responses: { error: { code, message, details? } }.
 * No stack trace or SQL ever reaches a client; unexpected errors are logged
 * (without request bodies, which may hold CPR numbers or notes) and answered 500.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { isDatabaseUnavailable } from "../db/unavailable.js";
import { AppError, type FieldIssue } from "./errors.js";
import { ERROR_MESSAGES, FIELD_MESSAGES, type FieldReason, type Lang, pickLang } from "./messages.js";

function reasonOf(issue: {
  keyword: string;
  message?: string;
  params?: Record<string, unknown>;
}): FieldReason {
  const p = issue.params ?? {};
  switch (issue.keyword) {
    case "invalid_type":
      return /received undefined/.test(String(issue.message ?? "")) ? "required" : "invalid_type";
    case "too_big":
      return p.origin === "string" ? "too_long" : "invalid_value";
    case "too_small":
      if (p.origin === "string") return p.minimum === 1 ? "required" : "too_short";
      return "invalid_value";
    case "invalid_format":
      return p.format === "date" ? "invalid_date" : "invalid_format";
    case "custom": {
      const reason = (p.params as { reason?: string } | undefined)?.reason;
      return reason && reason in FIELD_MESSAGES ? (reason as FieldReason) : "invalid_value";
    }
    default:
      return "invalid_value";
  }
}

/** Field issues of a zod error raised inside a service (e.g. a document validated by its kind), worded like request validation's. */
export function fieldIssuesOfZod(
  issues: readonly {
    code: string;
    message: string;
    path: readonly PropertyKey[];
    keys?: readonly string[];
  }[],
): FieldIssue[] {
  return issues.flatMap((i) => {
    const path = i.path.map(String);
    if (i.code === "unrecognized_keys")
      return (i.keys ?? []).map((key) => ({
        field: [...path, key].join("."),
        reason: "unknown_field" as const,
      }));
    return [
      {
        field: path.join(".") || "(root)",
        reason: reasonOf({
          keyword: i.code,
          message: i.message,
          params: i as unknown as Record<string, unknown>,
        }),
      },
    ];
  });
}

function fieldIssues(err: FastifyError): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const v of err.validation ?? []) {
    const path = (v.instancePath ?? "").replace(/^\//, "").replaceAll("/", ".");
    const params = v.params as Record<string, unknown>;
    if (v.keyword === "unrecognized_keys" && Array.isArray(params.keys)) {
      for (const key of params.keys as string[])
        issues.push({ field: path ? `${path}.${key}` : key, reason: "unknown_field" });
      continue;
    }
    issues.push({ field: path || (err.validationContext ?? "body"), reason: reasonOf(v as never) });
  }
  return issues;
}

export function localise(details: AppError["details"], lang: Lang): AppError["details"] {
  if (!details?.fields) return details;
  return {
    ...details,
    fields: details.fields.map((f) => ({ ...f, message: f.message ?? FIELD_MESSAGES[f.reason][lang] })),
  };
}

export function sendError(reply: FastifyReply, request: FastifyRequest, err: AppError): FastifyReply {
  const lang = pickLang(request.headers["accept-language"]);
  const details = localise(err.details, lang);
  return reply
    .code(err.status)
    .type("application/json; charset=utf-8")
    .send({
      error: { code: err.code, message: ERROR_MESSAGES[err.code][lang], ...(details ? { details } : {}) },
    });
}

export function toAppError(err: FastifyError | Error): AppError | null {
  if (err instanceof AppError) return err;
  const fe = err as FastifyError;
  if (hasZodFastifySchemaValidationErrors(fe))
    return new AppError("validation_failed", 400, { fields: fieldIssues(fe) });
  if (fe.validation) return new AppError("validation_failed", 400, { fields: fieldIssues(fe) });
  switch (fe.code) {
    case "FST_ERR_CTP_INVALID_JSON_BODY":
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return new AppError("invalid_json", 400);
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new AppError("unsupported_media_type", 415);
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new AppError("payload_too_large", 413);
  }
  if (fe instanceof SyntaxError && fe.statusCode === 400) return new AppError("invalid_json", 400);
  if (fe.statusCode === 429) return new AppError("rate_limited", 429);
  if (isDatabaseUnavailable(err)) return new AppError("database_unavailable", 503);
  return null;
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const appError = toAppError(err);
    if (appError) {
      if (appError.status >= 500)
        request.log.warn({ code: appError.code }, "request failed: %s", appError.code);
      return sendError(reply, request, appError);
    }
    // Log the error itself, never the request body.
    request.log.error({ err }, "unexpected error");
    return sendError(reply, request, new AppError("internal_error", 500));
  });
}

/** Unknown /api routes and files are a 404 in the error shape; other GETs get the web app's shell (client-side routes). */
export function registerNotFound(app: FastifyInstance, opts: { spaFallback: boolean }): void {
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split("?")[0] ?? "";
    if (
      opts.spaFallback &&
      request.method === "GET" &&
      !path.startsWith("/api") &&
      !/\.[a-z0-9]+$/i.test(path)
    ) {
      return reply.type("text/html; charset=utf-8").sendFile("index.html");
    }
    return sendError(reply, request, AppError.notFound());
  });
}
