/**
 * A local SMS gateway for the tests of issue 16: a real HTTP server on 127.0.0.1 speaking the
 * generic JSON interface Broen's SMS adapter sends (docs/MESSAGING.md): `POST <url>` with
 * `Authorization: Bearer <token>` and `{ to, from, text, reference }`, answering 2xx with
 * `{ id }`. It records every request (also refused ones), can be told to fail the next N with
 * a status, and refuses a wrong token with 401.
 *
 *   const gw = await startTestSmsGateway({ token: "t" });
 *   // messaging settings: smsUrl gw.url, smsToken "t"
 *   gw.failNext(2, 503);
 *   gw.accepted[0].body.reference   // the outbox message's id
 *   await gw.close();
 */
import { type IncomingMessage, createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface SmsRequest {
  method: string;
  path: string;
  authorization: string | null;
  body: { to?: string; from?: string; text?: string; reference?: string; [k: string]: unknown };
  /** The status it was answered with. */
  status: number;
}

export interface TestSmsGatewayOptions {
  /** Require `Authorization: Bearer <token>`; absent = any. */
  token?: string;
}

export interface TestSmsGateway {
  /** e.g. http://127.0.0.1:41234/sms */
  url: string;
  port: number;
  /** Every request received, in order. */
  requests: SmsRequest[];
  /** The requests answered 2xx. */
  readonly accepted: SmsRequest[];
  /** The next `count` requests answer `status` (default 503). */
  failNext(count: number, status?: number): void;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export async function startTestSmsGateway(opts: TestSmsGatewayOptions = {}): Promise<TestSmsGateway> {
  const requests: SmsRequest[] = [];
  let failing = 0;
  let failStatus = 503;
  let counter = 0;
  const server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      let body: SmsRequest["body"];
      try {
        body = JSON.parse(raw) as SmsRequest["body"];
      } catch {
        body = {};
      }
      const authorization = req.headers.authorization ?? null;
      let status = 200;
      if (opts.token && authorization !== `Bearer ${opts.token}`) status = 401;
      else if (failing > 0) {
        failing--;
        status = failStatus;
      } else if (!body.to || !body.text || !body.reference) status = 400;
      requests.push({ method: req.method ?? "", path: req.url ?? "", authorization, body, status });
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(status < 300 ? { id: `gw-${++counter}` } : { error: `status ${status}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/sms`,
    port,
    requests,
    get accepted() {
      return requests.filter((r) => r.status < 300);
    },
    failNext(count, status = 503) {
      failing = count;
      failStatus = status;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
