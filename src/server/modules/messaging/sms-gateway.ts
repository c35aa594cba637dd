/**
 * SMS through the municipality's gateway (issue 16, decision 0105). Broen speaks ONE documented
 * interface (`SmsGateway` below; the HTTP form in docs/MESSAGING.md); a municipality whose Danish
 * gateway speaks another puts a small shim before it. The generic adapter:
 *
 *   POST <smsUrl>
 *   Authorization: Bearer <smsToken>
 *   Idempotency-Key: <reference>
 *   Content-Type: application/json
 *   { "to": "+4512345678", "from": "Broen", "text": "…", "reference": "<outbox message id>" }
 *
 *   2xx  → sent; a JSON body's `id` (string) is kept as the gateway's message id.
 *   408, 429, 5xx, 401, 403, no answer → tried again later with backoff (401/403: the token is wrong,
 *        which the administrator can put right; the message should not be lost meanwhile).
 *   other 4xx → this message can never be sent (a number the gateway refuses): failed at once.
 *
 * `reference` is the outbox message's id and stays the same on every try, so a gateway can drop a
 * repeat after a crash between its answer and Broen's note of it (at-least-once delivery).
 */
import { DeliveryError } from "./transport.js";

export interface SmsMessage {
  /** E.164, e.g. "+4512345678". */
  to: string;
  /** The sender name or number the phone shows; null = the gateway's default. */
  from: string | null;
  /** Plain text; Danish letters as they are (UTF-8 in the JSON). */
  text: string;
  /** The outbox message's id: the idempotency key of the send. */
  reference: string;
}

/** The one interface an SMS provider adapter implements. */
export interface SmsGateway {
  /** Sends one SMS; answers the gateway's id for it, or throws a DeliveryError. */
  send(message: SmsMessage): Promise<{ providerMessageId: string | null }>;
}

const SMS_TIMEOUT_MS = 15_000;

function transient(status: number): boolean {
  return status === 401 || status === 403 || status === 408 || status === 429 || status >= 500;
}

/** The generic HTTP JSON adapter (`sms_provider` "generic_http"). */
export function genericHttpGateway(url: string, token: string | null): SmsGateway {
  return {
    async send(message) {
      let res: Response;
      try {
        res = await fetch(url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            accept: "application/json",
            "idempotency-key": message.reference,
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          body: JSON.stringify(message),
          signal: AbortSignal.timeout(SMS_TIMEOUT_MS),
        });
      } catch (err) {
        const name = (err as { name?: string } | null)?.name;
        throw new DeliveryError(
          name === "TimeoutError" || name === "AbortError" ? "sms_timeout" : "sms_unreachable",
          false,
        );
      }
      if (!res.ok) {
        await res.body?.cancel();
        throw new DeliveryError(`sms_http_${res.status}`, !transient(res.status));
      }
      let id: string | null = null;
      try {
        const body = (await res.json()) as { id?: unknown } | null;
        if (body && (typeof body.id === "string" || typeof body.id === "number")) id = String(body.id);
      } catch {
        // A 2xx without a JSON body is still sent.
      }
      return { providerMessageId: id };
    },
  };
}
