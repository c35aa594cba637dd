/**
 * A Broen-like process for the messaging restart test (messaging-restart.int.test.ts): it opens the
 * database the environment names (DATABASE_URL, or the PGlite folder DATA_DIR under Broen's lock),
 * and runs the job queue with workers and the real delivery job — its "sending" timeout shortened
 * to MSG_SENDING_TIMEOUT_MS so the test need not wait ten minutes. MSG_SETUP=1 first migrates,
 * creates a municipality whose e-mail goes to 127.0.0.1:SMTP_PORT and queues one message
 * (printing "queued <id>"). It asks for a delivery round every half second, prints "ready", and
 * stops on SIGTERM as main.ts does.
 */
import { openDatabase } from "../../src/server/db/client.js";
import { lockDataDir } from "../../src/server/db/lock.js";
import { messagingSettings, municipalities } from "../../src/server/db/schema/index.js";
import {
  DELIVER_JOB,
  deliverDueMessages,
  messagingJobs,
  queueMessage,
} from "../../src/server/modules/messaging/index.js";
import { defineJob, openJobQueue } from "../../src/server/platform/jobs.js";

const url = process.env.DATABASE_URL || undefined;
const dataDir = url ? undefined : process.env.DATA_DIR;
const release = dataDir ? await lockDataDir(dataDir) : async () => undefined;
const database = await openDatabase({ url, dataDir, poolSize: 3 });

if (process.env.MSG_SETUP === "1") {
  await database.migrate();
  const [m] = await database.db
    .insert(municipalities)
    .values({ name: "Genstartby Kommune", code: `7${String(process.pid % 1000).padStart(3, "0")}` })
    .returning({ id: municipalities.id });
  await database.db.insert(messagingSettings).values({
    municipalityId: m!.id,
    emailEnabled: true,
    smtpHost: "127.0.0.1",
    smtpPort: Number(process.env.SMTP_PORT),
    emailFrom: "broen@genstartby.dk",
    quietFrom: null,
    quietTo: null,
  });
  const { id } = await queueMessage(database.db, {
    municipalityId: m!.id,
    kind: "staff_digest",
    channel: "email",
    recipientKind: "user",
    toAddress: "koordinator@genstartby.dk",
    subject: "Dagens overblik",
    body: "Du har 1 ny henvisning. Se den i Broen.",
    dedupeKey: "restart-test",
  });
  process.stdout.write(`queued ${id}\n`);
}

const real = messagingJobs.find((j) => j.name === DELIVER_JOB)!;
const deliver = defineJob({
  ...real,
  async handler(job) {
    await deliverDueMessages(job.db, {
      log: job.log,
      sendingTimeoutMs: Number(process.env.MSG_SENDING_TIMEOUT_MS ?? 2000),
    });
  },
});
const queue = await openJobQueue(database, [deliver], {
  workers: true,
  pollingIntervalSeconds: 0.5,
  maintenanceIntervalSeconds: 1,
});
const timer = setInterval(() => void queue.enqueue(DELIVER_JOB, {}).catch(() => undefined), 500);
process.stdout.write("ready\n");

// As main.ts stops: whatever stopping the queue meets (a round cut off by the pool's end on a busy
// machine), the database is closed, the lock released and the process ends with 0.
process.on("SIGTERM", () => {
  void (async () => {
    clearInterval(timer);
    try {
      await queue.stop();
    } catch (err) {
      process.stderr.write(`stopping the queue: ${String(err)}\n`);
    } finally {
      await database.close().catch(() => undefined);
      await release().catch(() => undefined);
      process.exit(0);
    }
  })();
});
