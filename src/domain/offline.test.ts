import { describe, expect, it } from "vitest";
import {
  FILLED_OFFLINE_MAX_AGE_MS,
  type KeptDay,
  acceptedFilledAt,
  entryExpired,
  keptDayUsable,
  queueOnFailure,
  sendOutcome,
} from "./offline";

// 2026-12-06 09:00 in Copenhagen (UTC+1 in winter).
const morning = Date.parse("2026-12-06T08:00:00Z");
const day: KeptDay = {
  userId: "u1",
  today: "2026-12-06",
  savedAt: morning,
  keepHours: 12,
  signedOut: false,
};
const HOUR = 3_600_000;

describe("the kept day", () => {
  it("is usable by its user on its day within its hours", () => {
    expect(keptDayUsable(day, morning + HOUR, "u1")).toBe(true);
    expect(keptDayUsable(day, morning + HOUR)).toBe(true);
  });
  it("is not usable by another user", () => {
    expect(keptDayUsable(day, morning + HOUR, "u2")).toBe(false);
  });
  it("is not usable after a logout", () => {
    expect(keptDayUsable({ ...day, signedOut: true }, morning + HOUR, "u1")).toBe(false);
  });
  it("ends exactly when its hours are up", () => {
    expect(keptDayUsable(day, morning + 12 * HOUR - 1, "u1")).toBe(true);
    expect(keptDayUsable(day, morning + 12 * HOUR, "u1")).toBe(false);
  });
  it("ends at Copenhagen midnight even with hours left", () => {
    const late = { ...day, savedAt: Date.parse("2026-12-06T22:30:00Z"), keepHours: 24 };
    // 22:59 UTC is 23:59 in Copenhagen: still the day.
    expect(
      keptDayUsable(
        { ...late, savedAt: Date.parse("2026-12-06T20:00:00Z") },
        Date.parse("2026-12-06T22:59:00Z"),
      ),
    ).toBe(true);
    // 23:00 UTC is midnight in Copenhagen: the next day's tasks are other tasks.
    expect(keptDayUsable(late, Date.parse("2026-12-06T23:00:00Z"))).toBe(false);
  });
});

describe("an answer to a queued write", () => {
  it.each([
    [200, "", "sent"],
    [201, "", "sent"],
    [0, "network_error", "retry"],
    [408, "timeout", "retry"],
    [429, "rate_limited", "retry"],
    [502, "internal_error", "retry"],
    [503, "database_unavailable", "retry"],
    [504, "internal_error", "retry"],
    [401, "unauthenticated", "stop"],
    [403, "password_change_required", "stop"],
    [409, "municipality_switched", "stop"],
    [400, "validation_failed", "refused"],
    [403, "forbidden", "refused"],
    [404, "not_found", "refused"],
    [409, "clip_already_registered", "refused"],
    [422, "idempotency_key_reused", "refused"],
    [500, "internal_error", "refused"],
  ] as const)("%i %s is %s", (status, code, outcome) => {
    expect(sendOutcome(status, code)).toBe(outcome);
  });
  it("queues a first attempt only when it may be sent again as it is", () => {
    expect(queueOnFailure(0)).toBe(true);
    expect(queueOnFailure(503)).toBe(true);
    expect(queueOnFailure(400)).toBe(false);
    expect(queueOnFailure(500)).toBe(false);
    expect(queueOnFailure(401)).toBe(false);
  });
});

describe("a queued write's life", () => {
  it("expires with the hours that held when it was queued", () => {
    const entry = { createdAt: morning, keepHours: 8 };
    expect(entryExpired(entry, morning + 8 * HOUR - 1)).toBe(false);
    expect(entryExpired(entry, morning + 8 * HOUR)).toBe(true);
  });
});

describe("when a form filled offline counts as filled", () => {
  const now = new Date(morning);
  it("is the phone's time within the last day", () => {
    const filled = new Date(morning - 3 * HOUR);
    expect(acceptedFilledAt(filled, now)).toEqual(filled);
    const edge = new Date(morning - FILLED_OFFLINE_MAX_AGE_MS);
    expect(acceptedFilledAt(edge, now)).toEqual(edge);
  });
  it("refuses an older form", () => {
    expect(acceptedFilledAt(new Date(morning - FILLED_OFFLINE_MAX_AGE_MS - 1), now)).toBe("too_old");
  });
  it("takes a clock running fast as now, however fast", () => {
    expect(acceptedFilledAt(new Date(morning + 5 * 60_000), now)).toEqual(now);
    expect(acceptedFilledAt(new Date(morning + 3 * HOUR), now)).toEqual(now);
  });
});
