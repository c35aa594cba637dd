/**
 * A real SMTP server for the tests of issue 16 (smtp-server + mailparser): Broen's e-mail transport
 * (nodemailer) talks to it over TCP on 127.0.0.1, and every message it accepts is parsed as a mail
 * client would read it — so a test checks the recipient, the Danish text and the absence of a CPR
 * number in what actually arrived, not in what Broen meant to send.
 *
 *   const smtp = await startTestSmtpServer();                  // a free port, no TLS
 *   // messaging settings: smtpHost "127.0.0.1", smtpPort smtp.port
 *   smtp.failNext(2);                                          // the next two mails: 451
 *   smtp.holdNext(1);                                          // the next mail: never answered
 *   await smtp.waitFor(1);                                     // resolves with the parsed mails
 *   smtp.messages[0].to, .text, .messageId
 *   await smtp.close();
 *
 * With `auth` it refuses a login with other credentials (535); without, it accepts any or none.
 * STARTTLS is not offered (no certificate to trust), so nodemailer speaks plain SMTP to it.
 */
import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export type { ParsedMail };

export interface TestSmtpServerOptions {
  /** Require these credentials (AUTH PLAIN/LOGIN). */
  auth?: { user: string; pass: string };
}

export interface TestSmtpServer {
  host: string;
  port: number;
  /** Every accepted mail, parsed, in the order received. */
  messages: ParsedMail[];
  /** The envelope recipients (RCPT TO) of each accepted mail, same order as `messages`. */
  envelopes: { from: string; to: string[] }[];
  /** The next `count` mails are refused with 451 (a temporary failure; the sender should retry). */
  failNext(count: number): void;
  /**
   * The next `count` mails are received but never answered (the sender waits for "250"): a test
   * kills the sender there. A held mail is not accepted — it is not in `messages`.
   */
  holdNext(count: number): void;
  /** How many mails were held so far. */
  readonly held: number;
  /** Resolves once at least `count` mails have been accepted (rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

export async function startTestSmtpServer(opts: TestSmtpServerOptions = {}): Promise<TestSmtpServer> {
  const messages: ParsedMail[] = [];
  const envelopes: { from: string; to: string[] }[] = [];
  let failing = 0;
  let holding = 0;
  let held = 0;
  const waiters: { count: number; resolve: () => void }[] = [];
  const notify = () => {
    for (const w of [...waiters])
      if (messages.length >= w.count) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
  };

  const server = new SMTPServer({
    secure: false,
    disabledCommands: opts.auth ? ["STARTTLS"] : ["STARTTLS", "AUTH"],
    authOptional: !opts.auth,
    // AUTH over plain text is what a local test server may allow.
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (opts.auth && auth.username === opts.auth.user && auth.password === opts.auth.pass)
        return callback(null, { user: auth.username });
      const err = new Error("Invalid credentials") as Error & { responseCode: number };
      err.responseCode = 535;
      return callback(err);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (holding > 0) {
          holding--;
          held++;
          return; // never answered: the connection ends with the sender
        }
        if (failing > 0) {
          failing--;
          const err = new Error("Try again later") as Error & { responseCode: number };
          err.responseCode = 451;
          return callback(err);
        }
        simpleParser(Buffer.concat(chunks))
          .then((mail) => {
            messages.push(mail);
            envelopes.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
              to: session.envelope.rcptTo.map((r) => r.address),
            });
            callback();
            notify();
          })
          .catch((err: Error) => callback(err));
      });
    },
  });
  server.on("error", () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;

  return {
    host: "127.0.0.1",
    port,
    messages,
    envelopes,
    failNext(count) {
      failing = count;
    },
    holdNext(count) {
      holding = count;
    },
    get held() {
      return held;
    },
    waitFor(count, timeoutMs = 10_000) {
      if (messages.length >= count) return Promise.resolve(messages);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`waited for ${count} mails, got ${messages.length}`)),
          timeoutMs,
        );
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve(messages);
          },
        });
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
