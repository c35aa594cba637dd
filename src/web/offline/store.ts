/**
 * What the phone keeps for a day without a signal (issue 17 point 1, decision 0108), in IndexedDB
 * (idb-keyval): the worker's day pack and the queue of writes waiting for a connection. Nothing
 * else of a citizen is kept on the device; the service worker caches only the app's own files.
 * Every change is announced to the other tabs (BroadcastChannel), so all show the same queue.
 */
import { type UseStore, createStore, del, get, set, update } from "idb-keyval";
import type { KeptDay } from "../../domain/offline";
import type { Me } from "../../shared/api/auth";
import type { OfflineDay } from "../../shared/api/detection";
import type { FieldIssue } from "../api/client";

export interface DayPack extends KeptDay {
  municipalityId: string;
  /** The session's user as /auth/me said, so the app can open without a signal (no idle deadline). */
  me: Omit<Me, "idle">;
  pack: OfflineDay;
}

export type OutboxKind = "clip" | "screening";

export interface OutboxEntry {
  /** The write's Idempotency-Key: every attempt sends the same one, so the server stores it once. */
  key: string;
  userId: string;
  municipalityId: string;
  kind: OutboxKind;
  /** API path under /api. */
  path: string;
  /** The request body; removed once the server has answered (sent or refused). */
  body: unknown;
  citizenId: string;
  citizenName: string;
  /** What the worker did, in words, shown in the queue. */
  summary: string;
  /** Where in the app the worker can do it again when the server refused it. */
  againPath: string;
  createdAt: number;
  keepHours: number;
  state: "waiting" | "sent" | "refused";
  attempts: number;
  answeredAt?: number;
  refusal?: { status: number; code: string; message: string; fields: FieldIssue[] };
}

const DAY = "day";
const OUTBOX = "outbox";
const WROTE = "wroteAt";

let db: UseStore | null = null;
// Opened on first use: a page that never needs the store never opens IndexedDB.
const store = () => (db ??= createStore("broen-offline", "kept"));

const channel = typeof BroadcastChannel === "function" ? new BroadcastChannel("broen-offline") : null;
const listeners = new Set<() => void>();
channel?.addEventListener("message", () => listeners.forEach((l) => l()));

function changed() {
  listeners.forEach((l) => l());
  channel?.postMessage("changed");
}

export function onStoreChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const readDay = () => get<DayPack>(DAY, store());

export async function saveDay(day: DayPack): Promise<void> {
  await set(DAY, day, store());
  changed();
}

/**
 * When a write from this device was last stored. Kept in IndexedDB, not in memory: a day pack
 * fetched before it may show a clip as still planned, also after a reload or in another tab.
 */
export const readWroteAt = async () => (await get<number>(WROTE, store())) ?? 0;

export async function noteWrite(at = Date.now()): Promise<void> {
  await set(WROTE, at, store());
}

export async function readOutbox(): Promise<OutboxEntry[]> {
  return (await get<OutboxEntry[]>(OUTBOX, store())) ?? [];
}

/** One read-modify-write of the queue (idb-keyval's update runs it in one IndexedDB transaction). */
export async function updateOutbox(change: (entries: OutboxEntry[]) => OutboxEntry[]): Promise<void> {
  await update<OutboxEntry[]>(OUTBOX, (entries) => change(entries ?? []), store());
  changed();
}

export async function dropDay(): Promise<void> {
  await del(DAY, store());
  changed();
}

/** Any logout: the kept day no longer opens the app without a new login; the queue stays for its user. */
export async function signOutDay(): Promise<void> {
  const day = await readDay();
  if (day && !day.signedOut) await saveDay({ ...day, signedOut: true });
}

/** Logging out on purpose: the user's day and queue leave the device (the layout warns first). */
export async function forgetUser(userId: string): Promise<void> {
  const day = await readDay();
  if (day?.userId === userId) await dropDay();
  await updateOutbox((entries) => entries.filter((e) => e.userId !== userId));
}
