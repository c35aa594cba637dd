import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../seed/demo.js";
import { passwordProblem } from "./passwords.js";

const user = { username: "anne.holm" };

describe("the password policy", () => {
  it("needs at least twelve characters (counted as characters, not bytes)", () => {
    expect(passwordProblem("kort-kode-1", user)).toBe("too_short");
    expect(passwordProblem("kort-kode-12", user)).toBeNull();
    expect(passwordProblem("æøåæøåæøåæø", user)).toBe("too_short");
    expect(passwordProblem("æøåæøåæøåæøå", user)).toBeNull();
  });

  it("refuses the username, also in other letter case or inside the password", () => {
    expect(passwordProblem("anne.holm.anne", { username: "anne.holm.anne" })).toBe(
      "password_contains_username",
    );
    expect(passwordProblem("ANNE.HOLM.ANNE", { username: "anne.holm.anne" })).toBe(
      "password_contains_username",
    );
    expect(passwordProblem("mit-anne.holm-kodeord", user)).toBe("password_contains_username");
    // A two-letter username is refused only whole, or it would forbid half the language.
    expect(passwordProblem("jeg-elsker-at-gå-ture", { username: "at" })).toBeNull();
  });

  it("refuses common passwords from the shipped list, whatever their case", () => {
    expect(passwordProblem("qwertyuiop123", user)).toBe("password_too_common");
    expect(passwordProblem("1qaz2wsx3edc", user)).toBe("password_too_common");
    expect(passwordProblem("LeaveMeAlone", user)).toBe("password_too_common");
  });

  it("refuses a common word with only digits and symbols added around it", () => {
    expect(passwordProblem("Password2026!", user)).toBe("password_too_common");
    expect(passwordProblem("2026!!sunshine", user)).toBe("password_too_common");
    expect(passwordProblem("sunshine-på-bænken", user)).toBeNull();
  });

  it("refuses the password being replaced (the temporary one)", () => {
    expect(passwordProblem("midlertidig-kode-42", { ...user, previous: "midlertidig-kode-42" })).toBe(
      "password_reused",
    );
    expect(passwordProblem("min-egen-kode-42", { ...user, previous: "midlertidig-kode-42" })).toBeNull();
  });

  it("accepts the demo's password and the tests' password", () => {
    expect(passwordProblem(DEMO_PASSWORD, { username: "planlaegger" })).toBeNull();
    expect(passwordProblem("test-password-2026", user)).toBeNull();
  });
});
