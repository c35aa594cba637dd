/**
 * Errors under /scim/v2 (decision 0102): SCIM's error resource (RFC 7644 §3.12,
 * `urn:ietf:params:scim:api:messages:2.0:Error`, application/scim+json), because identity
 * providers read nothing else. Underneath it is the one AppError: its status, its message by
 * Accept-Language as `detail`, its `scimType` from the details (400s without one are invalidValue,
 * a body that is no JSON invalidSyntax).
 */
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { SCIM_ERROR_SCHEMA } from "../../../shared/api/provisioning.js";
import { toAppError } from "../../platform/error-handler.js";
import { AppError } from "../../platform/errors.js";
import { ERROR_MESSAGES, pickLang } from "../../platform/messages.js";

export const SCIM_JSON = "application/scim+json; charset=utf-8";

export function sendScimError(
  request: FastifyRequest,
  reply: FastifyReply,
  err: FastifyError | Error,
): FastifyReply {
  let appError = toAppError(err);
  if (!appError) {
    // Logged like the app's handler does: the error, never the request body.
    request.log.error({ err }, "unexpected error");
    appError = new AppError("internal_error", 500);
  }
  const lang = pickLang(request.headers["accept-language"]);
  const given = appError.details?.scimType as string | undefined;
  const scimType =
    given ??
    (appError.code === "invalid_json"
      ? "invalidSyntax"
      : appError.status === 400
        ? "invalidValue"
        : undefined);
  const field = appError.details?.fields?.[0]?.field;
  const detail = `${ERROR_MESSAGES[appError.code][lang]}${field ? ` (${field})` : ""}`;
  if (appError.status === 401) void reply.header("www-authenticate", 'Bearer realm="broen-scim"');
  return reply
    .code(appError.status)
    .header("cache-control", "no-store")
    .type(SCIM_JSON)
    .send(
      JSON.stringify({
        schemas: [SCIM_ERROR_SCHEMA],
        status: String(appError.status),
        ...(scimType ? { scimType } : {}),
        detail,
      }),
    );
}
