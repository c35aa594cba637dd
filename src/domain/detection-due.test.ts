import { describe, expect, it } from "vitest";
import { dueReason, rescreenDueOn } from "./detection-due.js";

const settings = { rescreenIntervalMonths: 6, newInHomeCareDays: 60 };
const today = "2026-11-23";

describe("detection due lists", () => {
  it("lists a citizen new in home care who was never screened", () => {
    expect(
      dueReason({ homeCareSince: "2026-11-01", lastScreenedOn: null, inTargetGroup: true }, today, settings),
    ).toBe("never_screened_new");
  });

  it("still counts home care that began exactly the window's number of days ago as new", () => {
    expect(
      dueReason({ homeCareSince: "2026-09-24", lastScreenedOn: null, inTargetGroup: true }, today, settings),
    ).toBe("never_screened_new");
    expect(
      dueReason({ homeCareSince: "2026-09-23", lastScreenedOn: null, inTargetGroup: true }, today, settings),
    ).toBe("never_screened");
  });

  it("says never screened when the home-care start is unknown", () => {
    expect(
      dueReason({ homeCareSince: null, lastScreenedOn: null, inTargetGroup: true }, today, settings),
    ).toBe("never_screened");
  });

  it("is due for re-screening on the day the interval has passed, not the day before", () => {
    expect(
      dueReason({ homeCareSince: null, lastScreenedOn: "2026-05-23", inTargetGroup: true }, today, settings),
    ).toBe("rescreen_due");
    expect(
      dueReason({ homeCareSince: null, lastScreenedOn: "2026-05-24", inTargetGroup: true }, today, settings),
    ).toBeNull();
  });

  it("follows the municipality's own interval", () => {
    expect(
      dueReason({ homeCareSince: null, lastScreenedOn: "2026-08-23", inTargetGroup: true }, today, {
        ...settings,
        rescreenIntervalMonths: 3,
      }),
    ).toBe("rescreen_due");
  });

  it("never lists a citizen outside the target group", () => {
    expect(
      dueReason({ homeCareSince: "2026-11-01", lastScreenedOn: null, inTargetGroup: false }, today, settings),
    ).toBeNull();
    expect(
      dueReason({ homeCareSince: null, lastScreenedOn: "2020-01-01", inTargetGroup: false }, today, settings),
    ).toBeNull();
  });

  it("adds calendar months, keeping the month's end", () => {
    expect(rescreenDueOn("2026-08-31", 6)).toBe("2027-02-28");
    expect(rescreenDueOn("2027-08-31", 6)).toBe("2028-02-29");
    expect(rescreenDueOn("2026-12-15", 1)).toBe("2027-01-15");
  });
});
