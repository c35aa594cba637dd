/**
 * Whether the app can reach Broen now: the browser's own word (online/offline events) and the
 * last request's fate (a phone on a dead cell still says "online"). Set by api/client.ts's hook.
 */
import { useSyncExternalStore } from "react";

let online = typeof navigator === "undefined" ? true : navigator.onLine;
let reachable = true;
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());

if (typeof window !== "undefined") {
  window.addEventListener("online", () => {
    online = true;
    // Worth a try at once; the next request says whether it really is.
    reachable = true;
    notify();
  });
  window.addEventListener("offline", () => {
    online = false;
    notify();
  });
}

export function noteReachable(ok: boolean): void {
  if (ok === reachable) return;
  reachable = ok;
  notify();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const isConnected = () => online && reachable;

export function useConnected(): boolean {
  return useSyncExternalStore(subscribe, isConnected, () => true);
}
