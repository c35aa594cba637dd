/**
 * Writes that wait for a connection (issue 17 point 1, decision 0108). A clip registration or a
 * detection form whose request got no answer — no signal, the answer lost on the way back, or the
 * server or its database down — is queued on the phone with its Idempotency-Key and sent again,
 * with the same key, when the signal returns: the server stores it once and answers a repeat with
 * the first answer. An answer that refuses it is kept with the server's reasons for the worker.
 */
import { copenhagenDate } from "../../domain/time";
import { dayExpiresAt, entryExpired, queueOnFailure, sendOutcome } from "../../domain/offline";
import type { Me } from "../../shared/api/auth";
import type { MyDay, OfflineDay } from "../../shared/api/detection";
import { ApiError, api, request } from "../api/client";
import {
  type OutboxEntry,
  type OutboxKind,
  dropDay,
  noteWrite,
  readDay,
  readOutbox,
  readWroteAt,
  saveDay,
  updateOutbox,
} from "./store";

/** Until the worker's municipality has said otherwise (detection settings, offlineHours). */
const DEFAULT_KEEP_HOURS = 12;

export interface QueuedWrite {
  key: string;
  kind: OutboxKind;
  path: string;
  body: unknown;
  citizenId: string;
  citizenName: string;
  summary: string;
  againPath: string;
}

type Who = Pick<Me, "userId"> & { municipality: { id: string } };

async function enqueue(write: QueuedWrite, me: Who): Promise<void> {
  const keepHours = (await readDay())?.keepHours ?? DEFAULT_KEEP_HOURS;
  await updateOutbox((entries) =>
    entries.some((e) => e.key === write.key)
      ? entries
      : [
          ...entries,
          {
            ...write,
            userId: me.userId,
            municipalityId: me.municipality.id,
            createdAt: Date.now(),
            keepHours,
            state: "waiting",
            attempts: 1,
          },
        ],
  );
}

export type SendResult<R> = { queued: false; result: R } | { queued: true };

/**
 * Send a write now, or queue it when it got no usable answer. A refusal (4xx, or a 500 fault)
 * is thrown as before, for the form to show.
 */
export async function sendOrQueue<R>(write: QueuedWrite, me: Who): Promise<SendResult<R>> {
  try {
    const result = await request<R>("POST", write.path, { body: write.body, idempotencyKey: write.key });
    await noteWrite();
    return { queued: false, result };
  } catch (err) {
    if (!(err instanceof ApiError) || !queueOnFailure(err.status)) throw err;
    await enqueue(write, me);
    return { queued: true };
  }
}

function patch(key: string, change: (e: OutboxEntry) => OutboxEntry) {
  return updateOutbox((entries) => entries.map((e) => (e.key === key ? change(e) : e)));
}

let running: Promise<number> | null = null;

/**
 * Send the user's waiting writes, oldest first, one at a time; stop at the first that still gets
 * no answer. One flush at a time in this tab, and across tabs by a Web Lock, so two tabs never
 * send the same entry at once (the key would make it harmless, but the queue would say "sent" twice).
 * Resolves to the number sent.
 */
export function flushOutbox(me: Who): Promise<number> {
  running ??= (async () => {
    try {
      return navigator.locks
        ? await navigator.locks.request("broen-outbox", () => sendWaiting(me))
        : await sendWaiting(me);
    } finally {
      running = null;
    }
  })();
  return running;
}

async function sendWaiting(me: Who): Promise<number> {
  const waiting = (await readOutbox()).filter(
    (e) => e.state === "waiting" && e.userId === me.userId && e.municipalityId === me.municipality.id,
  );
  let sent = 0;
  for (const entry of waiting) {
    let failure: ApiError | null = null;
    try {
      await request("POST", entry.path, { body: entry.body, idempotencyKey: entry.key });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      failure = err;
    }
    const outcome = failure ? sendOutcome(failure.status, failure.code) : "sent";
    if (outcome === "retry") {
      await patch(entry.key, (e) => ({ ...e, attempts: e.attempts + 1 }));
      return sent;
    }
    // The session is gone: the entry waits for the next login (api/client.ts shows the login page).
    if (outcome === "stop") return sent;
    await patch(entry.key, (e) => ({
      ...e,
      // The answer is in: what was filled in leaves the device; the summary stays to show.
      body: null,
      state: outcome,
      attempts: e.attempts + 1,
      answeredAt: Date.now(),
      refusal: failure
        ? { status: failure.status, code: failure.code, message: failure.message, fields: failure.fields }
        : undefined,
    }));
    if (outcome === "sent") {
      sent++;
      await noteWrite();
    }
  }
  return sent;
}

/** The worker removes an answered entry from the list. */
export const dismiss = (key: string) =>
  updateOutbox((entries) => entries.filter((e) => e.key !== key || e.state === "waiting"));

export const dismissSent = (userId: string) =>
  updateOutbox((entries) => entries.filter((e) => e.userId !== userId || e.state !== "sent"));

/** Delete what has outlived the municipality's hours, and a day pack of another day. */
export async function sweep(now = Date.now()): Promise<void> {
  const day = await readDay();
  if (day && (now >= dayExpiresAt(day) || copenhagenDate(new Date(now)) !== day.today)) await dropDay();
  const entries = await readOutbox();
  if (entries.some((e) => entryExpired(e, now)))
    await updateOutbox((all) => all.filter((e) => !entryExpired(e, now)));
}

let fetching: { since: number; pack: Promise<OfflineDay> } | null = null;

/**
 * Fetch the day pack and keep it (a worker, online), unless the kept one is younger than `maxAgeMs`
 * and no write was stored since it was asked for. The frame asks with 10 minutes, "Mine borgere i
 * dag" with a few seconds (it shows the pack's day rather than asking for the same day twice), 0
 * after a time offline. Calls at the same time share one request (and one audited read of the day)
 * unless a write was stored after that request left. Resolves to the day now kept.
 */
export async function refreshDay(me: Me, maxAgeMs: number): Promise<MyDay> {
  const now = Date.now();
  const [current, wroteAt] = await Promise.all([readDay(), readWroteAt()]);
  if (fetching && fetching.since > wroteAt) return (await fetching.pack).day;
  if (
    current &&
    !current.signedOut &&
    current.userId === me.userId &&
    current.municipalityId === me.municipality.id &&
    current.today === copenhagenDate(new Date(now)) &&
    current.savedAt > wroteAt &&
    now - current.savedAt < maxAgeMs
  )
    return current.pack.day;
  const mine = { since: now, pack: fetchDay(me, now) };
  fetching = mine;
  try {
    return (await mine.pack).day;
  } finally {
    if (fetching === mine) fetching = null;
  }
}

/** `askedAt` is when the request left: a write stored while it was on its way is not in it. */
async function fetchDay(me: Me, askedAt: number): Promise<OfflineDay> {
  const pack = await api.get<OfflineDay>("/detection/offline-day");
  const { idle: _idle, ...kept } = me;
  await saveDay({
    userId: me.userId,
    municipalityId: me.municipality.id,
    today: pack.day.today,
    savedAt: askedAt,
    keepHours: pack.keepHours,
    signedOut: false,
    me: kept,
    pack,
  });
  return pack;
}
