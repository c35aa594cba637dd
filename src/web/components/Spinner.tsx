import {
  type ReactNode,
  createContext,
  useCallback,
  useContext,
  useLayoutEffect,
  useRef,
  useState,
} from "react";
import { useTranslation } from "react-i18next";

/** Tells the nearest LoadTogether that a spinner is showing inside it (+1) or gone (-1). */
const SpinnerCount = createContext<((change: 1 | -1) => void) | null>(null);

export function Spinner({ label }: { label?: string }) {
  const { t } = useTranslation();
  const count = useContext(SpinnerCount);
  // A layout effect: the group hides its parts before the first paint, not one frame later.
  useLayoutEffect(() => {
    if (!count) return;
    count(1);
    return () => count(-1);
  }, [count]);
  return (
    <div className="spinner-box my-5">
      <div className="spinner" aria-hidden="true" />
      <div className="spinner-status" role="status">
        {label ?? t("common.loading")}
      </div>
    </div>
  );
}

/**
 * Parts of a page that fetch on their own (lazy chunks, queries) shown together, once none of them
 * shows a spinner any more, and `after` only then (issue 17 point 2, layout shift): a box that
 * fills in late would otherwise push everything below it down while the user reads it (CLS 0.27 on
 * the start page). Until then one spinner stands for them all; the parts are rendered, hidden, so
 * their chunks and queries load at once. A part that failed shows its LoadError, which ends the wait.
 * Only the first load waits: a spinner later (a panel the user opened) hides nothing.
 */
export function LoadTogether({ children, after }: { children: ReactNode; after?: ReactNode }) {
  const spinning = useRef(0);
  const [changes, setChanges] = useState(0);
  const [settled, setSettled] = useState(false);
  const count = useCallback((change: 1 | -1) => {
    spinning.current += change;
    setChanges((n) => n + 1);
  }, []);
  // After the parts' own layout effects of the same commit: their spinners are counted by now.
  useLayoutEffect(() => {
    if (!settled && spinning.current === 0) setSettled(true);
  }, [settled, changes]);
  return (
    <>
      {settled ? null : <Spinner />}
      <SpinnerCount.Provider value={settled ? null : count}>
        <div hidden={!settled}>{children}</div>
      </SpinnerCount.Provider>
      {settled ? after : null}
    </>
  );
}
