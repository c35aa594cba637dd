/**
 * Broen's public address (PUBLIC_BASE_URL): where links in e-mails lead (issue 16 — the staff
 * digest links each topic to its Broen page). A request knows its own host; a scheduled job has no
 * request, so the address is configuration. Read here, below the modules, because a job's handler
 * is defined statically in its module and cannot be handed config.ts (decision 0081's layers);
 * config.ts checks the same variable at start, so a bad value stops Broen before any job runs.
 */

/** An http(s) address without credentials, query or fragment (a path prefix is allowed). */
export function isPublicBaseUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return (
      (u.protocol === "https:" || u.protocol === "http:") &&
      !u.username &&
      !u.password &&
      !u.search &&
      !u.hash
    );
  } catch {
    return false;
  }
}

/** Without PUBLIC_BASE_URL: the address Broen listens on, as main.ts prints it. */
export function defaultPublicBaseUrl(host: string, port: number): string {
  const shown =
    host === "0.0.0.0" || host === "127.0.0.1" || host === "::" || host === "" ? "localhost" : host;
  return `http://${shown}:${port}`;
}

/** The public base URL without a trailing slash, from the environment (checked at start by config.ts). */
export function publicBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const raw = env.PUBLIC_BASE_URL?.trim();
  if (raw && isPublicBaseUrl(raw)) return raw.replace(/\/+$/, "");
  const port = /^\d+$/.test(env.PORT ?? "") ? Number(env.PORT) : 3000;
  return defaultPublicBaseUrl(env.HOST?.trim() || "127.0.0.1", port);
}
