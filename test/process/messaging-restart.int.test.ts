/**
 * At-least-once delivery across a kill -9 (issue 16, decision 0105): a process claims a queued
 * e-mail (committed "sending") and is killed with SIGKILL while the SMTP server holds the message
 * unanswered — so it was never accepted. A new process finds the row "sending" past the timeout,
 * queues it again and sends it: the SMTP server receives it exactly once, with the outbox id as
 * its Message-ID, and the row is "sent" after two attempts. On PostgreSQL and PGlite alike.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, expect, it } from "vitest";
import { type Database, openDatabase } from "../../src/server/db/client.js";
import { outboxMessages } from "../../src/server/db/schema/index.js";
import { type TestSmtpServer, startTestSmtpServer } from "../support/smtp-server.js";
import { type TestDatabase, openTestDatabase } from "../support/test-db.js";
import { type Started, runScript } from "./processes.js";

const onPostgres = process.env.TEST_DB === "postgres";
const CHILD = "test/process/messaging-child.ts";

async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  started: Started,
  timeoutMs = 150_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    if (started.child.exitCode !== null) throw new Error(`child exited early:\n${started.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no ${what} within ${timeoutMs} ms:\n${started.output()}`);
}

let smtp: TestSmtpServer | undefined;
let testDb: TestDatabase | undefined;
const dataDir = mkdtempSync(join(tmpdir(), "broen-messaging-"));
afterAll(async () => {
  await smtp?.close();
  await testDb?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Child 1 queues and begins sending, and is killed mid-send; child 2 sends it. Answers the message id. */
async function killMidSendThenRestart(
  env: Record<string, string>,
  status: () => Promise<string>,
): Promise<string> {
  smtp = await startTestSmtpServer();
  smtp.holdNext(1);
  const first = runScript(CHILD, { ...env, MSG_SETUP: "1", SMTP_PORT: String(smtp.port) });
  await until(() => /queued [0-9a-f-]{36}/.test(first.output()), "queued", first);
  const id = /queued ([0-9a-f-]{36})/.exec(first.output())![1]!;
  await until(() => smtp!.held === 1, "held mail", first);
  first.child.kill("SIGKILL");
  await first.exited;
  expect(smtp.messages).toHaveLength(0);
  if (onPostgres) expect(await status()).toBe("sending");

  const second = runScript(CHILD, env);
  await until(() => smtp!.messages.length >= 1, "delivered mail", second);
  // A few more rounds: nothing is sent twice.
  await new Promise((r) => setTimeout(r, 3000));
  second.child.kill("SIGTERM");
  expect(await second.exited, second.output()).toBe(0);
  expect(smtp.messages).toHaveLength(1);
  expect(smtp.messages[0]!.messageId).toBe(`<${id}@broen.genstartby.dk>`);
  expect(smtp.envelopes[0]!.to).toEqual(["koordinator@genstartby.dk"]);
  return id;
}

async function rowOf(database: Database, id: string) {
  const [row] = await database.db.select().from(outboxMessages).where(eq(outboxMessages.id, id));
  return row!;
}

it.runIf(onPostgres)(
  "PostgreSQL: an e-mail cut off mid-send by kill -9 is sent exactly once after restart",
  async () => {
    testDb = await openTestDatabase();
    const db = testDb.database;
    // A fresh database: the child's message is its only one.
    const id = await killMidSendThenRestart({ DATABASE_URL: testDb.url! }, async () => {
      const [row] = await db.db.select({ status: outboxMessages.status }).from(outboxMessages);
      return row!.status;
    });
    expect(await rowOf(db, id)).toMatchObject({ status: "sent", attempts: 2 });
  },
  360_000,
);

it.runIf(!onPostgres)(
  "PGlite (a data folder): an e-mail cut off mid-send by kill -9 is sent exactly once after restart",
  async () => {
    const id = await killMidSendThenRestart({ DATA_DIR: dataDir }, async () => "unknown");
    const database = await openDatabase({ dataDir });
    try {
      expect(await rowOf(database, id)).toMatchObject({ status: "sent", attempts: 2 });
    } finally {
      await database.close();
    }
  },
  360_000,
);
