/**
 * The course configuration Broen ships as defaults: four conversation guides, the barrier
 * catalogue, the interest taxonomy and the punch-card frame. They are data, not code: a
 * municipality copies them and publishes its own versions. Each file is validated with the same
 * schema as an administrator's upload when this module loads, so a broken shipped document fails
 * at start-up and in the tests, never in front of a coordinator.
 */
import type { z } from "zod";
import {
  BarrierCatalogue,
  ConversationGuide,
  type DefinitionKind,
  InterestTaxonomy,
  PunchCardPolicyDocument,
} from "../../../../shared/api/course-definitions.js";
import barriers from "./barriers.json" with { type: "json" };
import fourTopics from "./guide-four-topics.json" with { type: "json" };
import holstebro from "./guide-holstebro.json" with { type: "json" };
import narrative from "./guide-narrative.json" with { type: "json" };
import vaerdighedshjulet from "./guide-vaerdighedshjulet.json" with { type: "json" };
import interests from "./interests.json" with { type: "json" };
import punchCard from "./punch-card-policy.json" with { type: "json" };

function load<S extends z.ZodType>(schema: S, file: string, data: unknown): z.output<S> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw new Error(`Shipped course definition ${file} is invalid: ${where}`);
  }
  return parsed.data;
}

/** Struer's narrative screening first: it is the guide the community coordinator starts from. */
export const SHIPPED_GUIDES: readonly ConversationGuide[] = Object.freeze([
  load(ConversationGuide, "guide-narrative.json", narrative),
  load(ConversationGuide, "guide-four-topics.json", fourTopics),
  load(ConversationGuide, "guide-holstebro.json", holstebro),
  load(ConversationGuide, "guide-vaerdighedshjulet.json", vaerdighedshjulet),
]);

export const SHIPPED_BARRIERS: BarrierCatalogue = load(BarrierCatalogue, "barriers.json", barriers);

export const SHIPPED_INTERESTS: InterestTaxonomy = load(InterestTaxonomy, "interests.json", interests);

export const SHIPPED_PUNCH_CARD_POLICY: PunchCardPolicyDocument = load(
  PunchCardPolicyDocument,
  "punch-card-policy.json",
  punchCard,
);

export const SHIPPED_COURSE_DEFINITIONS: readonly {
  kind: DefinitionKind;
  key: string;
  definition: unknown;
}[] = Object.freeze([
  ...SHIPPED_GUIDES.map((g) => ({ kind: "conversation_guide" as const, key: g.key, definition: g })),
  { kind: "barrier_catalogue", key: SHIPPED_BARRIERS.key, definition: SHIPPED_BARRIERS },
  { kind: "interest_taxonomy", key: SHIPPED_INTERESTS.key, definition: SHIPPED_INTERESTS },
  { kind: "punch_card_policy", key: SHIPPED_PUNCH_CARD_POLICY.key, definition: SHIPPED_PUNCH_CARD_POLICY },
]);
