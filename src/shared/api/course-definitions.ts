/**
 * The course's configuration as data per municipality (DESIGN.md, "Configuration over code"):
 * conversation guides, the barrier catalogue, the interest taxonomy and the punch-card frame.
 * Broen ships defaults (`server/modules/courses/definitions/`); an administrator publishes a
 * changed document as a new version, and what was recorded keeps pointing at the version it
 * was recorded with (a grant at the frame it was granted under, a conversation at its guide).
 */
import { z } from "zod";
import { ACCESSIBILITY_FEATURES, CLIP_KINDS, DEFINITION_KINDS } from "../../domain/course/vocabulary.js";
import type { MatchingBarrier } from "../../domain/matching/types.js";
import { STAFF_ROLES } from "../../domain/vocabulary/organisation.js";
import { LocalText, QuestionnaireId, QuestionnaireKey, ShortLocalText } from "./questionnaires.js";
import type { Assert, Same } from "./type-check.js";

export const DefinitionKind = z.enum(DEFINITION_KINDS);
export type DefinitionKind = z.infer<typeof DefinitionKind>;

/** Stable ids of entries (themes, barriers, interests): ASCII, safe as JSON keys. */
export const EntryId = QuestionnaireId;

const uniqueIds = <T extends { id: string }>(entries: T[], ctx: z.RefinementCtx, path: string) => {
  const seen = new Set<string>();
  entries.forEach((e, i) => {
    if (seen.has(e.id))
      ctx.addIssue({
        code: "custom",
        path: [path, i, "id"],
        message: "duplicate_id",
        params: { reason: "duplicate" },
      });
    seen.add(e.id);
  });
};

/** A theme of a conversation: what to talk about and prompts that help the coordinator ask. */
export const GuideTheme = z.strictObject({
  id: EntryId,
  title: ShortLocalText,
  prompts: z.array(LocalText).max(20).default([]),
});

export const ConversationGuide = z
  .strictObject({
    key: QuestionnaireKey,
    title: ShortLocalText,
    description: LocalText,
    /** Where the guide comes from (a seed, a municipality's own practice). */
    source: ShortLocalText.optional(),
    themes: z.array(GuideTheme).min(1).max(20),
  })
  .superRefine((g, ctx) => uniqueIds(g.themes, ctx, "themes"));
export type ConversationGuide = z.infer<typeof ConversationGuide>;

export const Barrier = z.strictObject({
  id: EntryId,
  label: ShortLocalText,
  /** What usually helps; shown to the coordinator when the barrier is recorded. */
  suggestedActions: z.array(LocalText).max(10).default([]),
  /** What an activity must offer for a citizen with this barrier (used by matching). */
  requires: z.array(z.enum(ACCESSIBILITY_FEATURES)).default([]),
  /** True when the citizen cannot leave home: in-home and phone offers first. */
  housebound: z.boolean().default(false),
});
export type Barrier = z.infer<typeof Barrier>;
/** Matching (domain/matching) reads a recorded barrier as its own plain type: the same fields. */
type _SameMatchingBarrier = Assert<Same<Pick<Barrier, keyof MatchingBarrier>, MatchingBarrier>>;

export const BarrierCatalogue = z
  .strictObject({ key: z.literal("barriers"), barriers: z.array(Barrier).min(1).max(100) })
  .superRefine((c, ctx) => uniqueIds(c.barriers, ctx, "barriers"));
export type BarrierCatalogue = z.infer<typeof BarrierCatalogue>;

export const Interest = z.strictObject({
  id: EntryId,
  label: ShortLocalText,
  /** The catalog's theme the interest belongs to (e.g. "crafts" → "creative"). */
  theme: EntryId,
});
export type Interest = z.infer<typeof Interest>;

export const InterestTaxonomy = z
  .strictObject({
    key: z.literal("interests"),
    themes: z
      .array(z.strictObject({ id: EntryId, label: ShortLocalText }))
      .min(1)
      .max(50),
    interests: z.array(Interest).min(1).max(300),
  })
  .superRefine((t, ctx) => {
    uniqueIds(t.themes, ctx, "themes");
    uniqueIds(t.interests, ctx, "interests");
    const themes = new Set(t.themes.map((x) => x.id));
    t.interests.forEach((i, n) => {
      if (!themes.has(i.theme))
        ctx.addIssue({
          code: "custom",
          path: ["interests", n, "theme"],
          message: "unknown_theme",
          params: { reason: "invalid_value" },
        });
    });
  });
export type InterestTaxonomy = z.infer<typeof InterestTaxonomy>;

const minutes = z
  .int()
  .min(1)
  .max(24 * 60 * 31);
const KindLimit = z
  .strictObject({
    maxClips: z.int().min(0).max(1000).optional(),
    minClipMinutes: z.int().min(1).max(720).optional(),
    maxClipMinutes: z.int().min(1).max(720).optional(),
    /** The grant form's defaults for the kind (issue 17 point 5); not checked against grants. */
    defaultClips: z.int().min(1).max(1000).optional(),
    defaultClipMinutes: z.int().min(1).max(720).optional(),
  })
  .refine(
    (l) =>
      l.minClipMinutes === undefined ||
      l.maxClipMinutes === undefined ||
      l.minClipMinutes <= l.maxClipMinutes,
    {
      path: ["maxClipMinutes"],
      params: { reason: "too_small" },
    },
  );

/** Mirrors `domain/punchcard/policy.ts` PunchCardPolicy; the engine stays free of zod. */
export const PunchCardPolicyDocument = z.strictObject({
  key: z.literal("punch-card"),
  /** Shown to staff: what the frame is, in a sentence ("10 klip á 60 min pr. forløb"). */
  description: LocalText,
  totalPerCourse: z
    .strictObject({ maxClips: z.int().min(1).max(1000).optional(), maxMinutes: minutes.optional() })
    .optional(),
  perKind: z.partialRecord(z.enum(CLIP_KINDS), KindLimit).optional(),
  weeklyAllowance: z
    .strictObject({
      minutesPerWeek: z
        .int()
        .min(1)
        .max(7 * 24 * 60),
      maxSavedMinutes: minutes,
      kinds: z.array(z.enum(CLIP_KINDS)).min(1).optional(),
    })
    .optional(),
  exceptionRoles: z.array(z.enum(STAFF_ROLES)).default([]),
  /** Warn on the card when this many clips (or fewer) are left of a kind. */
  warnWhenClipsLeft: z.int().min(0).max(100).default(1),
});
export type PunchCardPolicyDocument = z.infer<typeof PunchCardPolicyDocument>;

export const DefinitionDocument = z.union([
  ConversationGuide,
  BarrierCatalogue,
  InterestTaxonomy,
  PunchCardPolicyDocument,
]);

export const StoredDefinition = z.object({
  id: z.string(),
  kind: DefinitionKind,
  key: z.string(),
  version: z.int(),
  active: z.boolean(),
  createdAt: z.string(),
  definition: z.unknown(),
});
export type StoredDefinition = z.infer<typeof StoredDefinition>;
