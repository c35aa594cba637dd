/**
 * Registers the service worker that keeps Broen's app shell for offline use (decision 0107), and
 * recovers from a page chunk that a deploy has removed.
 *
 * - Production builds only: in `vite dev` there is no worker, and a worker would serve stale modules.
 * - A new version's worker takes over at once (skipWaiting, vite.config.ts) but the page is NOT
 *   reloaded: a home-care worker may be mid-form. The running page keeps the code it has; the next
 *   navigation that loads a page (or the next start of the app) gets the new version.
 */
const RELOADED_FOR = "broen.staleChunkReload";

export function registerServiceWorker(): void {
  if (!import.meta.env.PROD) return;
  window.addEventListener("vite:preloadError", onStaleChunk);
  // Only in a secure context (HTTPS, or localhost): over plain http on a LAN there is no worker.
  if (!("serviceWorker" in navigator)) return;
  // After the window's load event, so the worker's precaching does not compete with the first page
  // for bandwidth; the plain browser API rather than workbox-window (3 KB more on every first load),
  // since nothing here reacts to a new version (no reload, see above).
  const register = () =>
    navigator.serviceWorker
      .register("/sw.js", { scope: "/" })
      .catch((error: unknown) => console.warn("Service worker not registered", error));
  if (document.readyState === "complete") void register();
  else window.addEventListener("load", () => void register(), { once: true });
}

/**
 * A lazy page's chunk (app/lazy-page.tsx) failed to load: after a deploy the old build's hashed
 * files are gone, while this page still names them. One reload fetches the new index.html and its
 * chunks. Against a loop (offline, the chunk not cached; the server down): the reload is done once
 * per build, this chunk's own URL being the build's name; a second failure in the same build
 * shows the error as before.
 */
function onStaleChunk(event: Event): void {
  const build = import.meta.url;
  try {
    if (sessionStorage.getItem(RELOADED_FOR) === build) return;
    sessionStorage.setItem(RELOADED_FOR, build);
  } catch {
    return; // No sessionStorage (blocked storage): no guard, so no reload either.
  }
  event.preventDefault();
  window.location.reload();
}
