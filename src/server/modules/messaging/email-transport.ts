/**
 * E-mail through the municipality's SMTP server, with nodemailer (issue 16, decision 0105).
 * Plain text only: a citizen's message in Danish, a staff member's digest with a link to Broen.
 * Each message carries the outbox id as its Message-ID (`<id@broen.<domain>>`), so a message sent
 * again after a crash (at-least-once, see delivery.ts) is the same message to the receiving side.
 *
 * Timeouts are short (10 s to connect and greet, 30 s idle): a send never outlasts the delivery's
 * "sending" timeout, so a message still being sent is never taken for one cut off by a crash.
 */
import nodemailer from "nodemailer";
import type { MessagingSettingsRow } from "./settings-store.js";
import { DeliveryError, type EmailTransport, type OutgoingEmail } from "./transport.js";

/** The settings an e-mail transport needs (checked by channelState first). */
type SmtpSettings = Pick<
  MessagingSettingsRow,
  "smtpHost" | "smtpPort" | "smtpSecure" | "smtpUser" | "smtpPassword" | "emailFrom"
>;

/** The domain of the sender's address, for Message-IDs (`broen.<domain>`). */
function domainOf(address: string): string {
  const at = address.lastIndexOf("@");
  return at === -1 ? "localhost" : address.slice(at + 1).toLowerCase();
}

export function messageIdOf(id: string, emailFrom: string): string {
  return `<${id}@broen.${domainOf(emailFrom)}>`;
}

/** A nodemailer error as a code safe to store (never its message: it may quote the address). */
export function deliveryErrorOf(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  const e = err as { code?: string; responseCode?: number; command?: string } | null;
  const code = e?.code ?? "";
  const response = typeof e?.responseCode === "number" ? e.responseCode : null;
  if (code === "EAUTH") return new DeliveryError("smtp_auth_failed", false);
  if (response !== null) {
    // 5xx to the recipient or the data: this address will not take it. 5xx elsewhere (a
    // misconfigured relay) and 4xx (greylisting, a full queue): another try may go through.
    const toRecipient = code === "EENVELOPE" || e?.command === "RCPT TO" || e?.command === "DATA";
    return new DeliveryError(`smtp_refused_${response}`, response >= 500 && toRecipient);
  }
  if (code === "ETIMEDOUT") return new DeliveryError("smtp_timeout", false);
  if (code === "ETLS") return new DeliveryError("smtp_tls_failed", false);
  if (code === "ECONNECTION" || code === "ESOCKET" || code === "EDNS" || code === "ECONNREFUSED")
    return new DeliveryError("smtp_unreachable", false);
  return new DeliveryError("smtp_error", false);
}

/**
 * A transport for one municipality's run of the delivery (or one test message); close() when done.
 * `fromName` is shown as the sender (the municipality's name).
 */
export function createEmailTransport(settings: SmtpSettings, fromName: string): EmailTransport {
  const transporter = nodemailer.createTransport({
    host: settings.smtpHost ?? "",
    port: settings.smtpPort ?? 25,
    secure: settings.smtpSecure,
    ...(settings.smtpUser ? { auth: { user: settings.smtpUser, pass: settings.smtpPassword ?? "" } } : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    dnsTimeout: 10_000,
    // nodemailer logs nothing unless told; a logger would print addresses.
    logger: false,
  });
  const from = settings.emailFrom ?? "";
  return {
    async send(mail: OutgoingEmail) {
      try {
        const info = await transporter.sendMail({
          from: { name: fromName, address: from },
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          messageId: messageIdOf(mail.id, from),
          headers: { "Auto-Submitted": "auto-generated" },
        });
        // The server's queue id, if its answer names one ("250 2.0.0 Ok: queued as ABC123").
        const queued = /queued as ([A-Za-z0-9._-]+)/i.exec(String(info.response ?? ""));
        return { providerMessageId: queued?.[1] ?? info.messageId ?? null };
      } catch (err) {
        throw deliveryErrorOf(err);
      }
    },
    close() {
      transporter.close();
    },
  };
}
