import { resolve } from "node:path";

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
}

function bool(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === "") return fallback;
  return ["1", "true", "yes", "on"].includes(value.toLowerCase());
}

/** TRUST_PROXY: "true", or comma-separated addresses/CIDRs of the proxy. */
function trustProxyOf(value: string | undefined): boolean | string {
  if (!value) return false;
  if (["true", "false"].includes(value.toLowerCase())) return value.toLowerCase() === "true";
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  return {
    port,
    host: env.HOST ?? "127.0.0.1",
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.DATA_DIR ?? "./data"),
    logLevel: env.LOG_LEVEL ?? "info",
    secureCookies: bool(env.SECURE_COOKIES, false),
    seedDemo: bool(env.SEED_DEMO, true),
    trustProxy: trustProxyOf(env.TRUST_PROXY),
    loginRateLimit: Number(env.LOGIN_RATE_LIMIT ?? 20) || 20,
  };
}

/** postgres://user:secret@host/db → postgres://user:***@host/db, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");
}
