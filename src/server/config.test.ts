import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

const fails = (env: NodeJS.ProcessEnv): ConfigError => {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error("loadConfig accepted the environment");
};

describe("loadConfig", () => {
  it("uses the defaults when nothing is set (empty counts as unset)", () => {
    expect(loadConfig({ PORT: "", SEED_DEMO: "" })).toMatchObject({
      port: 3000,
      host: "127.0.0.1",
      databaseUrl: undefined,
      seedDemo: true,
      secureCookies: false,
      trustProxy: false,
      loginRateLimit: 20,
      logLevel: "info",
      sessionIdleMinutes: 30,
    });
    expect(loadConfig({ SESSION_IDLE_MINUTES: "15" }).sessionIdleMinutes).toBe(15);
  });

  it("reads good values", () => {
    expect(
      loadConfig({
        PORT: "8080",
        DATABASE_URL: "postgres://broen:pw@db.example:5432/broen",
        SEED_DEMO: "false",
        SECURE_COOKIES: "yes",
        LOGIN_RATE_LIMIT: "5",
        TRUST_PROXY: "10.0.0.1",
      }),
    ).toMatchObject({
      port: 8080,
      databaseUrl: "postgres://broen:pw@db.example:5432/broen",
      seedDemo: false,
      secureCookies: true,
      loginRateLimit: 5,
      trustProxy: "10.0.0.1",
    });
  });

  it.each([
    ["LOGIN_RATE_LIMIT", "abc"],
    ["LOGIN_RATE_LIMIT", "0"],
    ["PORT", "x"],
    ["PORT", "70000"],
    ["SEED_DEMO", "maybe"],
    ["SECURE_COOKIES", "ja"],
    ["DATABASE_URL", "localhost:5432/broen"],
    ["DATABASE_URL", "mysql://u@h/db"],
    ["LOG_LEVEL", "loud"],
    ["SESSION_IDLE_MINUTES", "2"],
    ["SESSION_IDLE_MINUTES", "30m"],
    ["PUBLIC_BASE_URL", "broen.kommune.dk"],
    ["PUBLIC_BASE_URL", "ftp://broen.kommune.dk"],
    ["PUBLIC_BASE_URL", "https://u:pw@broen.kommune.dk"],
  ])("refuses %s=%s naming the variable, never a silent default", (variable, value) => {
    const err = fails({ [variable]: value });
    expect(err.variable).toBe(variable);
    expect(err.message).toMatch(new RegExp(`^${variable}: `));
    expect(err.message).not.toContain("\n");
  });

  it("takes PUBLIC_BASE_URL without its trailing slash, else the address Broen listens on", () => {
    expect(loadConfig({ PUBLIC_BASE_URL: "https://broen.fjordby.dk/" }).publicBaseUrl).toBe(
      "https://broen.fjordby.dk",
    );
    expect(loadConfig({}).publicBaseUrl).toBe("http://localhost:3000");
    expect(loadConfig({ HOST: "0.0.0.0", PORT: "8080" }).publicBaseUrl).toBe("http://localhost:8080");
    expect(loadConfig({ HOST: "broen.lan", PORT: "80" }).publicBaseUrl).toBe("http://broen.lan:80");
  });

  it("never shows a database password in the message", () => {
    expect(fails({ DATABASE_URL: "http://broen:secret@db/broen" }).message).not.toContain("secret");
  });
});
