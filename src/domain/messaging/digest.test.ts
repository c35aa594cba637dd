import { describe, expect, it } from "vitest";
import type { Actor } from "../access-policy.js";
import type { Role } from "../vocabulary/organisation.js";
import {
  DIGEST_TOPICS,
  activeTopics,
  buildDigest,
  copenhagenHour,
  digestDedupeKey,
  digestWindowStart,
  formatDigestDay,
  isDigestTopic,
  linkTo,
  topicsFor,
} from "./digest.js";

const actor = (role: Role, over: Partial<Actor> = {}): Actor => ({
  userId: "u1",
  municipalityId: "m1",
  organisationId: "o1",
  organisationKind: role === "volunteer_centre_staff" ? "volunteer_centre" : "public_provider",
  districtId: null,
  role,
  ...over,
});

const base = {
  lang: "da" as const,
  day: "2026-12-07",
  municipalityName: "Fjordby Kommune",
  baseUrl: "https://broen.example",
};

describe("topicsFor", () => {
  it("gives a home-care worker their day and the answers to their referrals", () => {
    expect(topicsFor(actor("home_care_worker"))).toEqual([
      "day.detectionClips",
      "day.clips",
      "day.screeningsDue",
      "referrals.answered",
    ]);
  });

  it("gives a coordinator the inbox and the caseload beside their own day", () => {
    expect(topicsFor(actor("community_coordinator"))).toEqual(
      expect.arrayContaining(["referrals.new", "referrals.waiting", "followUps.overdue", "clips.runningLow"]),
    );
    expect(topicsFor(actor("community_coordinator"))).not.toContain("volunteerReferrals.new");
  });

  it("gives the volunteer centre its new referrals only", () => {
    expect(topicsFor(actor("volunteer_centre_staff"))).toEqual(["volunteerReferrals.new"]);
  });

  it("gives a manager the inbox and everyone's caseload, not a day of their own", () => {
    expect(topicsFor(actor("manager"))).toEqual([
      "referrals.new",
      "referrals.waiting",
      "followUps.overdue",
      "clips.runningLow",
    ]);
  });

  it("gives the evaluator and the administrator nothing", () => {
    expect(topicsFor(actor("evaluator"))).toEqual([]);
    expect(topicsFor(actor("administrator"))).toEqual([]);
  });

  it("gives a private provider's worker the same topics as a public one (the counts are scoped)", () => {
    expect(topicsFor(actor("home_care_worker", { organisationKind: "private_provider" }))).toEqual(
      topicsFor(actor("home_care_worker")),
    );
  });

  it("keeps the digest's order", () => {
    const all = topicsFor(actor("community_coordinator"));
    expect(all).toEqual(DIGEST_TOPICS.filter((t) => all.includes(t)));
  });
});

describe("activeTopics", () => {
  it("leaves out muted topics", () => {
    expect(activeTopics(actor("home_care_worker"), ["day.clips", "referrals.answered"])).toEqual([
      "day.detectionClips",
      "day.screeningsDue",
    ]);
  });

  it("ignores a muted key the role cannot get or that does not exist", () => {
    expect(activeTopics(actor("volunteer_centre_staff"), ["referrals.new", "nonsense"])).toEqual([
      "volunteerReferrals.new",
    ]);
  });

  it("is empty when everything is muted", () => {
    expect(activeTopics(actor("volunteer_centre_staff"), ["volunteerReferrals.new"])).toEqual([]);
  });
});

describe("isDigestTopic", () => {
  it("knows the topic keys", () => {
    expect(isDigestTopic("referrals.new")).toBe(true);
    expect(isDigestTopic("referrals")).toBe(false);
  });
});

describe("buildDigest", () => {
  it("is not sent when there are no items", () => {
    expect(buildDigest({ ...base, items: [] })).toBeNull();
  });

  it("is not sent when every count is zero", () => {
    expect(
      buildDigest({
        ...base,
        items: [
          { topic: "referrals.new", count: 0 },
          { topic: "referrals.waiting", count: 0, waitDays: 7 },
        ],
      }),
    ).toBeNull();
  });

  it("ignores negative and fractional counts", () => {
    expect(buildDigest({ ...base, items: [{ topic: "referrals.new", count: -2 }] })).toBeNull();
    expect(buildDigest({ ...base, items: [{ topic: "referrals.new", count: 0.5 }] })).toBeNull();
  });

  it("lists each non-empty topic with its count and its Broen page, in Danish", () => {
    const m = buildDigest({
      ...base,
      items: [
        { topic: "referrals.waiting", count: 2, waitDays: 7 },
        { topic: "referrals.new", count: 1 },
        { topic: "clips.runningLow", count: 0 },
      ],
    })!;
    expect(m.subject).toBe("Broen: din oversigt mandag 7. december 2026");
    expect(m.body).toContain("Fjordby Kommune");
    expect(m.body).toContain("- 1 ny henvisning\n  https://broen.example/henvisninger");
    expect(m.body).toContain(
      "- 2 henvisninger har ventet mere end 7 dage\n  https://broen.example/henvisninger",
    );
    expect(m.body).not.toContain("klip tilbage");
    // Digest order: new before waiting, whatever order the items came in.
    expect(m.body.indexOf("ny henvisning")).toBeLessThan(m.body.indexOf("har ventet"));
    expect(m.body).toContain("https://broen.example/min-profil");
  });

  it("writes singular and plural in both languages", () => {
    const da1 = buildDigest({ ...base, items: [{ topic: "day.screeningsDue", count: 1 }] })!;
    const da3 = buildDigest({ ...base, items: [{ topic: "day.screeningsDue", count: 3 }] })!;
    expect(da1.body).toContain("1 borger på din dag skal screenes");
    expect(da3.body).toContain("3 borgere på din dag skal screenes");
    const en1 = buildDigest({ ...base, lang: "en", items: [{ topic: "followUps.overdue", count: 1 }] })!;
    const en2 = buildDigest({ ...base, lang: "en", items: [{ topic: "followUps.overdue", count: 2 }] })!;
    expect(en1.body).toContain("1 course has an overdue follow-up");
    expect(en2.body).toContain("2 courses have an overdue follow-up");
    expect(en1.subject).toBe("Broen: your digest for Monday 7 December 2026");
  });

  it("has a sentence for every topic in both languages", () => {
    for (const lang of ["da", "en"] as const) {
      const m = buildDigest({
        ...base,
        lang,
        items: DIGEST_TOPICS.map((topic) => ({ topic, count: 2, waitDays: 5 })),
      })!;
      expect(m.body.split("\n").filter((l) => l.startsWith("- "))).toHaveLength(DIGEST_TOPICS.length);
      expect(m.body).not.toContain("undefined");
    }
  });

  it("adds up a topic given twice", () => {
    const m = buildDigest({
      ...base,
      items: [
        { topic: "day.clips", count: 2 },
        { topic: "day.clips", count: 3 },
      ],
    })!;
    expect(m.body).toContain("5 klip planlagt på din dag");
  });

  it("holds nothing but counts, fixed words and links: no digits run that could be a CPR number", () => {
    const m = buildDigest({
      ...base,
      items: DIGEST_TOPICS.map((topic) => ({ topic, count: 1234, waitDays: 7 })),
    })!;
    expect(`${m.subject}\n${m.body}`).not.toMatch(/\d{6}-?\d{4}/);
    // Every line is one of: the intro, a count, a link, the privacy note, the choice — nothing else.
    for (const line of m.body.split("\n").filter(Boolean)) {
      expect(line).toMatch(
        /^(Din daglige oversigt|- 1234 | {2}https:\/\/broen\.example\/|Oversigten nævner|Vælg, hvad|https:\/\/broen\.example\/min-profil$)/,
      );
    }
  });

  it("joins the base URL without a double slash", () => {
    const m = buildDigest({
      ...base,
      baseUrl: "https://broen.example/app/",
      items: [{ topic: "referrals.answered", count: 1 }],
    })!;
    expect(m.body).toContain("https://broen.example/app/sendte-henvisninger");
    expect(linkTo("http://localhost:3000//", "/min-dag")).toBe("http://localhost:3000/min-dag");
  });
});

describe("formatDigestDay", () => {
  it("reads the calendar day, not a clock (no shift at midnight)", () => {
    expect(formatDigestDay("2026-01-01", "da")).toBe("torsdag 1. januar 2026");
    expect(formatDigestDay("2026-12-31", "en")).toBe("Thursday 31 December 2026");
  });
});

describe("digestDedupeKey", () => {
  it("is one per user and day", () => {
    expect(digestDedupeKey("u1", "2026-12-07")).toBe("digest:u1:2026-12-07");
  });
});

describe("digestWindowStart", () => {
  const now = new Date("2026-12-07T06:00:00Z");
  it("is a day back without a previous digest", () => {
    expect(digestWindowStart(now, null)).toEqual(new Date("2026-12-06T06:00:00Z"));
  });
  it("is the previous digest's moment", () => {
    const prev = new Date("2026-12-04T06:00:00Z");
    expect(digestWindowStart(now, prev)).toEqual(prev);
  });
  it("is at most a week back", () => {
    expect(digestWindowStart(now, new Date("2026-10-01T06:00:00Z"))).toEqual(
      new Date("2026-11-30T06:00:00Z"),
    );
  });
  it("is a day back when the previous one lies in the future (a clock set back)", () => {
    expect(digestWindowStart(now, new Date("2026-12-08T06:00:00Z"))).toEqual(
      new Date("2026-12-06T06:00:00Z"),
    );
  });
});

describe("copenhagenHour", () => {
  it("follows winter and summer time", () => {
    expect(copenhagenHour(new Date("2026-12-07T06:00:00Z"))).toBe(7);
    expect(copenhagenHour(new Date("2026-07-07T05:00:00Z"))).toBe(7);
    expect(copenhagenHour(new Date("2026-12-07T23:30:00Z"))).toBe(0);
  });
});
