import { describe, expect, it } from "vitest";
import {
  type Grant,
  type PunchCardPolicy,
  evaluateGrant,
  mayGrantException,
  remainingByKind,
} from "../../../../domain/punchcard/policy.js";
import {
  type ConversationGuide,
  DefinitionDocument,
  InterestTaxonomy,
} from "../../../../shared/api/course-definitions.js";
import {
  SHIPPED_BARRIERS,
  SHIPPED_COURSE_DEFINITIONS,
  SHIPPED_GUIDES,
  SHIPPED_INTERESTS,
  SHIPPED_PUNCH_CARD_POLICY,
} from "./index.js";

function guide(key: string): ConversationGuide {
  const found = SHIPPED_GUIDES.find((g) => g.key === key);
  if (!found) throw new Error(`no shipped guide ${key}`);
  return found;
}

const themeTitles = (key: string) => guide(key).themes.map((t) => t.title.da);

function barrier(id: string) {
  const found = SHIPPED_BARRIERS.barriers.find((b) => b.id === id);
  if (!found) throw new Error(`no shipped barrier ${id}`);
  return found;
}

describe("shipped conversation guides", () => {
  it("ships four conversation guides with the themes the seeds name", () => {
    expect(SHIPPED_GUIDES.map((g) => g.key)).toEqual([
      "narrativ-samtale",
      "fire-emner",
      "holstebro-fem-punkter",
      "vaerdighedshjulet",
    ]);
    expect(themeTitles("narrativ-samtale")).toEqual([
      "Hvem er du? Livshistorie",
      "Netværk og fællesskab",
      "Meningsfulde aktiviteter og interesser",
    ]);
    expect(themeTitles("fire-emner")).toEqual([
      "Relationer",
      "Udfordringer og tab",
      "Ressourcer og barrierer",
      "Meningsfulde aktiviteter",
    ]);
    expect(themeTitles("holstebro-fem-punkter")).toEqual([
      "Årsagen til ensomheden",
      "Ressourcer og netværk",
      "Motivation og barrierer",
      "Interesser, ønsker og håb",
      "Mulige aktiviteter",
    ]);
    expect(themeTitles("vaerdighedshjulet")).toEqual([
      "Dit hjem og samarbejde",
      "Dine valg i hverdagen",
      "Fællesskab, familie og venner",
      "Tryghed",
      "Aktiviteter i hverdagen",
      "Helbred og måltider",
    ]);
  });

  it("gives every theme three to six open prompts in Danish and English, and says where each guide comes from", () => {
    for (const g of SHIPPED_GUIDES) {
      expect(g.source?.da, g.key).toBeTruthy();
      for (const theme of g.themes) {
        expect(theme.prompts.length, `${g.key}/${theme.id}`).toBeGreaterThanOrEqual(3);
        expect(theme.prompts.length, `${g.key}/${theme.id}`).toBeLessThanOrEqual(6);
        for (const prompt of theme.prompts) {
          expect(prompt.da.endsWith("?") || prompt.da.endsWith("."), prompt.da).toBe(true);
          expect(prompt.en, prompt.da).toBeTruthy();
        }
      }
    }
  });
});

describe("the shipped definitions as a set", () => {
  it("lists the guides first, then barriers, interests and the punch-card frame", () => {
    expect(SHIPPED_COURSE_DEFINITIONS.map((d) => [d.kind, d.key])).toEqual([
      ["conversation_guide", "narrativ-samtale"],
      ["conversation_guide", "fire-emner"],
      ["conversation_guide", "holstebro-fem-punkter"],
      ["conversation_guide", "vaerdighedshjulet"],
      ["barrier_catalogue", "barriers"],
      ["interest_taxonomy", "interests"],
      ["punch_card_policy", "punch-card"],
    ]);
  });

  it("accepts every shipped definition as an administrator's upload, unchanged", () => {
    for (const d of SHIPPED_COURSE_DEFINITIONS) {
      const parsed = DefinitionDocument.safeParse(d.definition);
      expect(parsed.success && parsed.data, d.key).toEqual(d.definition);
    }
  });
});

describe("shipped barrier catalogue", () => {
  it("every barrier has at least one suggested action", () => {
    expect(SHIPPED_BARRIERS.barriers.length).toBeGreaterThanOrEqual(15);
    for (const b of SHIPPED_BARRIERS.barriers) {
      expect(b.suggestedActions.length, b.id).toBeGreaterThanOrEqual(1);
      expect(b.suggestedActions.length, b.id).toBeLessThanOrEqual(4);
    }
  });

  it("names the barriers Sundhedsstyrelsen and the municipalities meet", () => {
    const ids = SHIPPED_BARRIERS.barriers.map((b) => b.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        "transport",
        "mobility_aid",
        "toilet",
        "economy",
        "health",
        "hearing",
        "sight",
        "cognitive",
        "first_step_anxiety",
        "housebound",
        "knows_nobody",
        "low_mood",
        "spouse_caregiver",
        "digital",
        "dark_weather",
      ]),
    );
  });

  it("the mobility barrier requires step-free access and room for a rollator or wheelchair", () => {
    expect(barrier("mobility_aid").requires).toEqual(["step_free", "wheelchair_rollator"]);
  });

  it("asks for an accessible toilet and a hearing loop where those are the barrier", () => {
    expect(barrier("toilet").requires).toEqual(["accessible_toilet"]);
    expect(barrier("hearing").requires).toEqual(["hearing_loop"]);
  });

  it("does not hide activities without their own transport: accompaniment or flextur can solve it", () => {
    expect(barrier("transport").requires).toEqual([]);
    expect(
      barrier("transport")
        .suggestedActions.map((a) => a.da)
        .join(" "),
    ).toMatch(/Ledsagelse til og fra/);
  });

  it("marks only the citizen who cannot leave home as housebound", () => {
    expect(SHIPPED_BARRIERS.barriers.filter((b) => b.housebound).map((b) => b.id)).toEqual(["housebound"]);
  });

  it("offers a colleague along the first time for the first step", () => {
    expect(barrier("first_step_anxiety").suggestedActions[0]?.da).toMatch(/^Mod og motivation/);
  });
});

describe("shipped interest taxonomy", () => {
  it("every interest belongs to a known theme, and every theme has interests", () => {
    const themes = SHIPPED_INTERESTS.themes.map((t) => t.id);
    expect(SHIPPED_INTERESTS.interests.length).toBeGreaterThanOrEqual(35);
    for (const i of SHIPPED_INTERESTS.interests) expect(themes, i.id).toContain(i.theme);
    for (const t of themes)
      expect(
        SHIPPED_INTERESTS.interests.some((i) => i.theme === t),
        t,
      ).toBe(true);
  });

  it("rejects a taxonomy whose interest names an unknown theme", () => {
    const broken = {
      ...SHIPPED_INTERESTS,
      interests: [...SHIPPED_INTERESTS.interests, { id: "sailing", label: { da: "Sejlads" }, theme: "sea" }],
    };
    const parsed = InterestTaxonomy.safeParse(broken);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => [i.path, i.message])).toEqual([
      [["interests", SHIPPED_INTERESTS.interests.length, "theme"], "unknown_theme"],
    ]);
  });

  it("puts visiting friends and phone friends in the one-to-one theme the catalog offers", () => {
    const oneToOne = SHIPPED_INTERESTS.interests
      .filter((i) => i.theme === "visiting_friend")
      .map((i) => i.id);
    expect(oneToOne).toEqual(expect.arrayContaining(["visiting_friend", "phone_friend"]));
  });
});

describe("shipped punch-card frame", () => {
  // The document's extra fields (key, description, warnWhenClipsLeft) are ignored by the engine.
  const policy: PunchCardPolicy = SHIPPED_PUNCH_CARD_POLICY;
  const start = "2026-01-05";
  const grant = (kind: Grant["kind"], clips: number, minutesPerClip: number): Grant => ({
    kind,
    clips,
    minutesPerClip,
    grantedOn: start,
  });

  it("the default punch-card policy refuses a third conversation clip and a 4-hour accompaniment", () => {
    const twoConversations = [grant("conversation", 2, 30)];
    expect(evaluateGrant(policy, start, twoConversations, grant("conversation", 1, 30))).toEqual({
      ok: false,
      violations: [{ rule: "kind_clips", kind: "conversation", limit: 2, wouldBe: 3 }],
    });
    expect(evaluateGrant(policy, start, twoConversations, grant("accompaniment", 1, 240))).toEqual({
      ok: false,
      violations: [{ rule: "clip_too_long", kind: "accompaniment", limit: 180, wouldBe: 240 }],
    });
  });

  it("grants Holstebro's two 30-minute conversations and a three-hour accompaniment", () => {
    expect(evaluateGrant(policy, start, [], grant("conversation", 2, 30))).toEqual({ ok: true });
    expect(
      evaluateGrant(policy, start, [grant("conversation", 2, 30)], grant("accompaniment", 1, 180)),
    ).toEqual({ ok: true });
  });

  it("caps the course at 12 clips although the kinds alone would allow 14", () => {
    const full = [grant("conversation", 2, 30), grant("accompaniment", 10, 60)];
    expect(evaluateGrant(policy, start, full, grant("follow_up", 1, 30))).toEqual({
      ok: false,
      violations: [{ rule: "total_clips", limit: 12, wouldBe: 13 }],
    });
  });

  it("lets a manager, and no one else, grant beyond the frame", () => {
    expect(mayGrantException(policy, "manager")).toBe(true);
    expect(mayGrantException(policy, "community_coordinator")).toBe(false);
  });

  it("warns when the last accompaniment clip is reached", () => {
    const left = remainingByKind(policy, [grant("accompaniment", 9, 60)]).find(
      (r) => r.kind === "accompaniment",
    )?.remainingClips;
    expect(left).toBe(1);
    expect(left! <= SHIPPED_PUNCH_CARD_POLICY.warnWhenClipsLeft).toBe(true);
  });
});
