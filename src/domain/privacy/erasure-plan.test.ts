import { describe, expect, it } from "vitest";
import {
  ANONYMISE,
  ERASURE_CATEGORIES,
  type ErasureCounts,
  anonymousBirthDate,
  anonymousCpr,
  isAnonymousCpr,
  needsReason,
  touchedCounts,
  treatmentOf,
} from "./erasure-plan.js";

const counts = (over: Partial<ErasureCounts> = {}): ErasureCounts =>
  ({ ...Object.fromEntries(ERASURE_CATEGORIES.map((c) => [c, 0])), ...over }) as ErasureCounts;

describe("what anonymisation and erasure do per category", () => {
  it("anonymising keeps every category a report counts and clears or removes the rest", () => {
    // The facts of the status report, funnel, punch-card use, outcomes and the evaluator's dataset.
    for (const c of [
      "screenings",
      "detection_clips",
      "outcome_measurements",
      "condition_assessments",
    ] as const)
      expect(treatmentOf("anonymise", c), c).toBe("kept");
    for (const c of [
      "citizen",
      "courses",
      "clips",
      "referrals",
      "volunteer_referrals",
      "placements",
    ] as const)
      expect(treatmentOf("anonymise", c), c).toBe("cleared");
    for (const c of ["contacts", "journal_notes", "revisions"] as const)
      expect(treatmentOf("anonymise", c), c).toBe("removed");
  });

  it("erasing removes every category but the stored answers and the audit trail's search terms", () => {
    for (const c of ERASURE_CATEGORIES) {
      const expected = c === "stored_answers" || c === "audit_search_terms" ? "cleared" : "removed";
      expect(treatmentOf("erase", c), c).toBe(expected);
    }
  });

  it("names a treatment for every category", () => {
    expect(Object.keys(ANONYMISE).sort()).toEqual([...ERASURE_CATEGORIES].sort());
  });

  it("records what was removed or cleared, never what was kept, and nothing of an empty category", () => {
    const c = counts({ citizen: 1, screenings: 3, contacts: 2, clips: 0 });
    expect(touchedCounts("anonymise", c)).toEqual({ citizen: 1, contacts: 2 });
    expect(touchedCounts("erase", c)).toEqual({ citizen: 1, screenings: 3, contacts: 2 });
  });
});

describe("when a reason is required", () => {
  it("is required for an open course or an active referral, not otherwise", () => {
    expect(needsReason({ openCourses: 0, activeReferrals: 0 })).toBe(false);
    expect(needsReason({ openCourses: 1, activeReferrals: 0 })).toBe(true);
    expect(needsReason({ openCourses: 0, activeReferrals: 2 })).toBe(true);
  });
});

describe("the stand-ins of an anonymised citizen", () => {
  it("gives a CPR stand-in that can never be a CPR number and never repeats", () => {
    const a = anonymousCpr("3f1c2b9a-0000-4000-8000-000000000001");
    const b = anonymousCpr("3f1c2b9a-0000-4000-8000-000000000002");
    expect(a.cpr).not.toBe(b.cpr);
    expect(a.cpr).not.toMatch(/^\d{6}-?\d{4}$/);
    expect(a.cprLast4).not.toMatch(/^\d{4}$/);
    expect(isAnonymousCpr(a.cpr)).toBe(true);
    expect(isAnonymousCpr("010203-1234")).toBe(false);
  });

  it("keeps only the birth year", () => {
    expect(anonymousBirthDate("1947-10-08")).toBe("1947-01-01");
  });
});
