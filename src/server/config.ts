import { resolve } from "node:path";
import { z } from "zod";
import { isPublicBaseUrl, publicBaseUrl } from "./platform/public-url.js";

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  logLevel: string;
  secureCookies: boolean;
  seedDemo: boolean;
  trustProxy: boolean | string;
  /** Login attempts per minute per IP address. */
  loginRateLimit: number;
  /** A session unused this long ends (shared home-care tablets); the 10-hour lifetime still applies. */
  sessionIdleMinutes: number;
  /** Where links in e-mails lead (PUBLIC_BASE_URL; default the address Broen listens on). */
  publicBaseUrl: string;
}

/** A configuration value that is set but not understood: main prints `message` (one line) and exits 1. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = "ConfigError";
  }
}

/** Unset or empty means "use the default"; anything else must be understood, never silently replaced. */
const unset = (v: unknown) => v === undefined || v === "";

const flag = (fallback: boolean) =>
  z.preprocess(
    (v) => (unset(v) ? fallback : v),
    z.union([
      z.boolean(),
      z
        .string()
        .transform((s) => s.toLowerCase())
        .pipe(
          z.enum(["1", "true", "yes", "on", "0", "false", "no", "off"], {
            message: "expected true or false (also 1/0, yes/no, on/off)",
          }),
        )
        .transform((s) => ["1", "true", "yes", "on"].includes(s)),
    ]),
  );

const integer = (fallback: number, min: number, max: number, what: string) =>
  z.preprocess(
    (v) => (unset(v) ? String(fallback) : v),
    z
      .string()
      .regex(/^\d+$/, { message: `expected ${what}` })
      .transform(Number)
      .pipe(
        z
          .number()
          .int()
          .min(min, { message: `expected ${what}` })
          .max(max, { message: `expected ${what}` }),
      ),
  );

const databaseUrl = z.preprocess(
  (v) => (unset(v) ? undefined : v),
  z
    .string()
    .refine(
      (s) => {
        try {
          const u = new URL(s);
          return (u.protocol === "postgres:" || u.protocol === "postgresql:") && u.hostname !== "";
        } catch {
          return false;
        }
      },
      { message: "expected a URL like postgres://user:password@host:5432/database" },
    )
    .optional(),
);

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const EnvSchema = z.object({
  PORT: integer(3000, 0, 65535, "a port number 0–65535"),
  HOST: z.preprocess((v) => (unset(v) ? "127.0.0.1" : v), z.string()),
  DATABASE_URL: databaseUrl,
  DATA_DIR: z.preprocess((v) => (unset(v) ? "./data" : v), z.string()),
  LOG_LEVEL: z.preprocess(
    (v) => (unset(v) ? "info" : v),
    z.enum(LOG_LEVELS, { message: `expected one of ${LOG_LEVELS.join(", ")}` }),
  ),
  SECURE_COOKIES: flag(false),
  SEED_DEMO: flag(true),
  /** "true"/"false", or comma-separated addresses/CIDRs of the proxy. */
  TRUST_PROXY: z.preprocess(
    (v) => (unset(v) ? "false" : v),
    z
      .string()
      .transform((s): boolean | string =>
        ["true", "false"].includes(s.toLowerCase()) ? s.toLowerCase() === "true" : s,
      ),
  ),
  LOGIN_RATE_LIMIT: integer(20, 1, 100_000, "a whole number of login attempts per minute (1 or more)"),
  // At least 3: the web app warns 2 minutes before; at most the 10-hour session lifetime.
  SESSION_IDLE_MINUTES: integer(30, 3, 600, "a whole number of minutes from 3 to 600"),
  // Links in e-mails (the staff digest) lead here; behind a proxy, the address staff open.
  PUBLIC_BASE_URL: z.preprocess(
    (v) => (unset(v) ? undefined : v),
    z
      .string()
      .refine(isPublicBaseUrl, { message: "expected an http(s) address like https://broen.kommune.dk" })
      .optional(),
  ),
});

/** Reads and validates the environment; a bad value throws ConfigError naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? "environment");
    const raw = env[variable];
    const shown = variable === "DATABASE_URL" && raw ? redactUrl(raw) : raw;
    throw new ConfigError(variable, `${issue.message}, got "${shown}"`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: resolve(e.DATA_DIR),
    logLevel: e.LOG_LEVEL,
    secureCookies: e.SECURE_COOKIES,
    seedDemo: e.SEED_DEMO,
    trustProxy: e.TRUST_PROXY,
    loginRateLimit: e.LOGIN_RATE_LIMIT,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    publicBaseUrl: publicBaseUrl(env),
  };
}

/** postgres://user:secret@host/db → postgres://user:***@host/db, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");
}
