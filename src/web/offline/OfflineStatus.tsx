/**
 * The worker's day without a signal, in the frame of every page (issue 17 point 1): keeps the day
 * pack fresh while online, sends the queue when the signal returns (and again while something
 * waits: after 5, 10, 20, then every 30 seconds), deletes what has outlived the municipality's
 * hours, and says in one line what is waiting, what was refused, and that there is no connection.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Me } from "../../shared/api/auth";
import { keys } from "../api/endpoints";
import { useCan } from "../app/session";
import { isConnected, useConnected } from "./connection";
import { useOutbox } from "./hooks";
import { flushOutbox, refreshDay, sweep } from "./outbox";
import { readOutbox } from "./store";
import "./offline.css";

const TICK_MS = 1_000;
const retryDelay = (failedRounds: number) => Math.min(30_000, 5_000 * 2 ** Math.max(0, failedRounds - 1));
const REFRESH_DAY_MS = 15 * 60_000;
/** A kept day younger than this is not fetched again by the frame (each fetch is an audited read). */
const FRESH_MS = 10 * 60_000;
const SWEEP_MS = 60_000;

/** Who keeps a day on the phone: those with "Mine borgere i dag" in the menu. */
export function useKeepsDay(me: Me | null | undefined): boolean {
  const can = useCan();
  return !!me && can({ kind: "detectionClip.list" }) && me.role !== "community_coordinator";
}

export function OfflineStatus({ me }: { me: Me }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const connected = useConnected();
  const keepsDay = useKeepsDay(me);
  const entries = useOutbox(me.userId) ?? [];
  const waiting = entries.filter((e) => e.state === "waiting").length;
  const refused = entries.filter((e) => e.state === "refused").length;

  // Rounds that left something waiting: the next round comes 5, 10, 20, then every 30 seconds.
  const failedRounds = useRef(0);
  const nextRoundAt = useRef(0);
  const flush = useCallback(async () => {
    const sent = await flushOutbox(me).catch(() => 0);
    // What was sent changes the day, the card and the citizen's history: fetch what is shown again.
    if (sent > 0) void client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== keys.me[0] });
    const left = (await readOutbox().catch(() => [])).some(
      (e) => e.state === "waiting" && e.userId === me.userId,
    );
    failedRounds.current = left ? failedRounds.current + 1 : 0;
    nextRoundAt.current = Date.now() + retryDelay(failedRounds.current);
  }, [me, client]);

  useEffect(() => {
    void sweep().catch(() => undefined);
    const timer = window.setInterval(() => void sweep().catch(() => undefined), SWEEP_MS);
    return () => window.clearInterval(timer);
  }, []);

  useEffect(() => {
    if (!keepsDay) return;
    const refresh = (maxAgeMs: number) => {
      if (isConnected()) void refreshDay(me, maxAgeMs).catch(() => undefined);
    };
    refresh(FRESH_MS);
    const timer = window.setInterval(() => refresh(FRESH_MS), REFRESH_DAY_MS);
    const back = () => refresh(0);
    window.addEventListener("online", back);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener("online", back);
    };
  }, [keepsDay, me]);

  // Back online after the app opened without a signal on the kept user: ask the server who is logged
  // in (a session ended meanwhile sends the worker to the login page; the queue waits for them).
  useEffect(() => {
    const back = () => void client.invalidateQueries({ queryKey: keys.me });
    window.addEventListener("online", back);
    return () => window.removeEventListener("online", back);
  }, [client]);

  useEffect(() => {
    // The signal is back (or the worker asks): a fresh start of the backoff, so a round that fails
    // at once (an answer lost on the way) is followed 5 seconds later, not after the offline rounds'.
    const now = () => {
      failedRounds.current = 0;
      void flush();
    };
    now();
    window.addEventListener("online", now);
    return () => window.removeEventListener("online", now);
  }, [flush]);

  useEffect(() => {
    if (waiting === 0) return;
    const timer = window.setInterval(() => {
      if (Date.now() >= nextRoundAt.current) void flush();
    }, TICK_MS);
    return () => window.clearInterval(timer);
  }, [waiting, flush]);

  if (connected && waiting === 0 && refused === 0) return <div role="status" className="offline-status" />;
  return (
    <div role="status" className="offline-status offline-status-shown" data-testid="offline-status">
      {!connected ? (
        <p className="offline-line">
          <strong>{t("offline.noConnection")}</strong> {keepsDay ? t("offline.noConnectionWorker") : null}
        </p>
      ) : null}
      {waiting > 0 ? (
        <p className="offline-line">
          <span data-testid="outbox-waiting">{t("offline.waiting", { count: waiting })}</span>{" "}
          <Link to="/afsendelser">{t("offline.seeQueue")}</Link>{" "}
          <button
            type="button"
            className="function-link offline-send"
            onClick={() => {
              failedRounds.current = 0;
              void flush();
            }}
          >
            {t("offline.sendNow")}
          </button>
        </p>
      ) : null}
      {refused > 0 ? (
        <p className="offline-line offline-refused">
          <span>{t("offline.refusedCount", { count: refused })}</span>{" "}
          <Link to="/afsendelser">{t("offline.seeWhy")}</Link>
        </p>
      ) : null}
    </div>
  );
}
