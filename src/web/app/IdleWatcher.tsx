/**
 * Warns before the idle timeout ends the session (issue 18.15): home-care tablets are shared, so
 * the server ends a session left alone for SESSION_IDLE_MINUTES. Two minutes before, a dialog says
 * so; "Fortsæt" is an ordinary request, which counts as activity and postpones the deadline.
 *
 * The watcher asks the server how long is left with a *passive* GET /auth/me (X-Broen-Passive), so
 * asking never keeps a forgotten session alive, and it counts seconds left by its own clock, so a
 * tablet with a wrong clock still warns in time. Any other request (work in another tab too)
 * postpones the server's deadline; the watcher learns it at its next ask, just before warning.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Me } from "../../shared/api/auth";
import { request } from "../api/client";
import { authApi, keys } from "../api/endpoints";
import { useLogout } from "./logout";
import { useMe } from "./session";

/** How long before the deadline the dialog appears. */
export const WARN_BEFORE_MS = 2 * 60_000;

const passiveMe = () => request<Me>("GET", "/auth/me", { headers: { "X-Broen-Passive": "1" } });

export function IdleWatcher() {
  const { t } = useTranslation();
  const { data: me, dataUpdatedAt } = useMe();
  const queryClient = useQueryClient();
  const logout = useLogout();
  // The watcher's own last passive ask: when (this device's clock) and the deadline it learnt.
  const [asked, setAsked] = useState<{ at: number; deadline: number } | null>(null);
  const [warning, setWarning] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const dialog = useRef<HTMLDialogElement>(null);
  const continueButton = useRef<HTMLButtonElement>(null);

  // The newest word on the deadline counts, by this device's clock: the session's answer (login,
  // reload, "Fortsæt") or the watcher's own ask, whichever came later.
  const fromSession = me?.idle ? dataUpdatedAt + me.idle.secondsLeft * 1000 : null;
  const deadline = asked && asked.at >= dataUpdatedAt ? asked.deadline : fromSession;

  const check = useCallback(async () => {
    try {
      const fresh = await passiveMe();
      if (!fresh.idle) return;
      const left = fresh.idle.secondsLeft * 1000;
      const at = Date.now();
      setAsked({ at, deadline: at + left });
      setWarning(left <= WARN_BEFORE_MS + 5_000);
    } catch {
      // A 401 already sends the user to the login page (api/client.ts); a network error: try later.
      const at = Date.now();
      setAsked({ at, deadline: at + 30_000 + WARN_BEFORE_MS });
    }
  }, []);

  // Ask when the warning is due, and again when the deadline itself has passed.
  useEffect(() => {
    if (deadline === null) return;
    const due = warning ? deadline - Date.now() + 1_000 : deadline - WARN_BEFORE_MS - Date.now();
    const timer = window.setTimeout(() => void check(), Math.max(0, due));
    return () => window.clearTimeout(timer);
  }, [deadline, warning, check]);

  useEffect(() => {
    if (!warning) return;
    const tick = window.setInterval(() => setNow(Date.now()), 1_000);
    return () => window.clearInterval(tick);
  }, [warning]);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (warning && !d.open) {
      d.showModal();
      // "Fortsæt" takes focus: the dialog opened on its own, and continuing is the likely answer.
      continueButton.current?.focus();
    }
    if (!warning && d.open) d.close();
  }, [warning]);

  const keepGoing = async () => {
    setWarning(false);
    // An ordinary request: it counts as activity and answers the new deadline.
    const fresh = await authApi.me().catch(() => null);
    if (fresh) queryClient.setQueryData(keys.me, fresh);
  };

  const minutes = deadline === null ? 0 : Math.max(1, Math.ceil((deadline - now) / 60_000));
  return (
    <dialog
      ref={dialog}
      className="idle-dialog"
      aria-labelledby="idle-heading"
      aria-describedby="idle-text"
      onCancel={(e) => {
        // Escape means "I am here" too.
        e.preventDefault();
        void keepGoing();
      }}
    >
      <h2 id="idle-heading" className="h3">
        {t("idle.heading")}
      </h2>
      <p id="idle-text">{t("idle.warning", { count: minutes })}</p>
      <div className="button-group">
        <button
          type="button"
          className="button button-primary"
          onClick={() => void keepGoing()}
          ref={continueButton}
        >
          {t("idle.continue")}
        </button>
        <button type="button" className="button button-secondary" onClick={() => logout.mutate()}>
          {t("idle.logout")}
        </button>
      </div>
    </dialog>
  );
}
