/**
 * What the delivery (delivery.ts) needs of a channel, and how a failed send is told: an error code
 * safe to store and show (never the server's own text, which can quote the recipient's address),
 * and whether another try may cure it.
 */

export class DeliveryError extends Error {
  constructor(
    /** e.g. smtp_unreachable, smtp_refused_550, sms_http_503, sms_timeout. */
    readonly code: string,
    /** true: the message can never be delivered this way (a refused address); no retry. */
    readonly permanent: boolean,
  ) {
    super(code);
    this.name = "DeliveryError";
  }
}

export interface OutgoingEmail {
  /** The outbox message's id: the Message-ID's local part, so a repeat can be recognised. */
  id: string;
  to: string;
  subject: string;
  text: string;
}

export interface EmailTransport {
  /** Sends one e-mail; answers the id the server gave it, or throws a DeliveryError. */
  send(mail: OutgoingEmail): Promise<{ providerMessageId: string | null }>;
  close(): void;
}
