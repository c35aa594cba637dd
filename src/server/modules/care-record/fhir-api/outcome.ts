/**
 * Errors of the FHIR read API (decision 0099). Under /fhir/R4 a failure is an OperationOutcome
 * (application/fhir+json), because FHIR clients read nothing else; the token endpoint answers
 * OAuth 2.0's error object (RFC 6749 §5.2), because OAuth client libraries read nothing else.
 * Both carry the same AppError underneath: its code (in `details.coding` / `error`), its status,
 * and its message in Danish or English by Accept-Language — only the envelope differs from the
 * app's one error shape.
 */
import type { OperationOutcome, OperationOutcomeIssue } from "@medplum/fhirtypes";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../../../platform/errors.js";
import { toAppError } from "../../../platform/error-handler.js";
import { ERROR_MESSAGES, FIELD_MESSAGES, pickLang } from "../../../platform/messages.js";

export const FHIR_JSON = "application/fhir+json; charset=utf-8";
/** The code system of Broen's error codes in an OperationOutcome's issue.details. */
export const BROEN_ERROR_SYSTEM = "urn:broen:error-code";

/** FHIR's IssueType for an HTTP status. */
function issueCode(status: number): OperationOutcomeIssue["code"] {
  switch (status) {
    case 400:
      return "invalid";
    case 401:
      return "login";
    case 403:
      return "forbidden";
    case 404:
      return "not-found";
    case 409:
      return "conflict";
    case 413:
      return "too-long";
    case 415:
      return "not-supported";
    case 429:
      return "throttled";
    case 503:
      return "transient";
    default:
      return status >= 500 ? "exception" : "processing";
  }
}

export function operationOutcome(err: AppError, lang: "da" | "en"): OperationOutcome {
  const coding = [{ system: BROEN_ERROR_SYSTEM, code: err.code }];
  const fields = err.details?.fields ?? [];
  const main: OperationOutcomeIssue = {
    severity: err.status >= 500 ? "fatal" : "error",
    code: issueCode(err.status),
    details: { coding },
    diagnostics: ERROR_MESSAGES[err.code][lang],
  };
  if (fields.length === 0) return { resourceType: "OperationOutcome", issue: [main] };
  return {
    resourceType: "OperationOutcome",
    issue: fields.map((f) => ({
      ...main,
      diagnostics: `${main.diagnostics} ${f.field}: ${f.message ?? FIELD_MESSAGES[f.reason][lang]}`,
      expression: [f.field],
    })),
  };
}

/** The OAuth error of RFC 6749 §5.2 for a failure of the token endpoint. */
export function oauthError(err: AppError): string {
  if (err.code.startsWith("oauth_")) return err.code.slice("oauth_".length);
  if (err.status === 400 || err.status === 413 || err.status === 415) return "invalid_request";
  if (err.status === 429 || err.status === 503) return "temporarily_unavailable";
  return "server_error";
}

const TOKEN_PATH = /^\/fhir\/R4\/auth\/token(\?|$)/;

/** The FHIR plugin's error handler: the app's AppError mapping, another envelope. */
export function sendFhirError(
  request: FastifyRequest,
  reply: FastifyReply,
  err: FastifyError | Error,
): FastifyReply {
  let appError = toAppError(err);
  if (!appError) {
    // Logged like the app's handler does: the error, never the request body.
    request.log.error({ err }, "unexpected error");
    appError = new AppError("internal_error", 500);
  } else if (appError.status >= 500) {
    request.log.warn({ code: appError.code }, "request failed: %s", appError.code);
  }
  const lang = pickLang(request.headers["accept-language"]);
  void reply.code(appError.status).header("cache-control", "no-store");
  if (TOKEN_PATH.test(request.url)) {
    if (appError.code === "oauth_invalid_client" && request.headers.authorization?.startsWith("Basic "))
      void reply.header("www-authenticate", 'Basic realm="broen-fhir"');
    return reply.type("application/json; charset=utf-8").send(
      JSON.stringify({
        error: oauthError(appError),
        error_description: ERROR_MESSAGES[appError.code][lang],
      }),
    );
  }
  if (appError.status === 401) {
    const error = appError.code === "fhir_token_invalid" ? ', error="invalid_token"' : "";
    void reply.header("www-authenticate", `Bearer realm="broen-fhir"${error}`);
  }
  if (appError.code === "fhir_scope_missing")
    void reply.header("www-authenticate", 'Bearer realm="broen-fhir", error="insufficient_scope"');
  return reply.type(FHIR_JSON).send(JSON.stringify(operationOutcome(appError, lang)));
}
