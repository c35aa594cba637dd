import { z } from "zod";
import { IdParams } from "../../../shared/api/common.js";
import { ScreeningResult, StoredQuestionnaire, SubmitScreeningBody } from "../../../shared/api/detection.js";
import { QuestionnaireDefinition, QuestionnaireKey } from "../../../shared/api/questionnaires.js";
import type { App } from "../../platform/app-type.js";
import { declareRoute } from "../../platform/route.js";
import {
  getQuestionnaire,
  listQuestionnaires,
  listVersions,
  publishQuestionnaire,
  setQuestionnaireActive,
} from "../questionnaires/index.js";
import { listScreenings, submitScreening } from "./screenings.js";

const definitionsOnly = { none: "questionnaire definitions name no one" } as const;

export async function screeningRoutes(app: App): Promise<void> {
  declareRoute(app, {
    method: "GET",
    url: "/questionnaires",
    tags: ["questionnaires"],
    summary: "Screening instruments: the newest version of each",
    access: { action: "questionnaire.read" },
    audit: definitionsOnly,
    response: z.array(StoredQuestionnaire),
    handler: ({ tx, ctx }) => listQuestionnaires(tx, ctx),
  });

  declareRoute(app, {
    method: "GET",
    url: "/questionnaires/:id",
    tags: ["questionnaires"],
    summary: "One version of an instrument",
    access: { action: "questionnaire.read" },
    audit: definitionsOnly,
    params: IdParams,
    response: StoredQuestionnaire,
    handler: ({ tx, ctx, params }) => getQuestionnaire(tx, ctx, params.id),
  });

  declareRoute(app, {
    method: "GET",
    url: "/questionnaires/by-key/:key/versions",
    tags: ["questionnaires"],
    summary: "Every version of an instrument (administrators)",
    access: { action: "questionnaire.manage" },
    audit: definitionsOnly,
    params: z.strictObject({ key: QuestionnaireKey }),
    response: z.array(StoredQuestionnaire),
    handler: ({ tx, ctx, params }) => listVersions(tx, ctx, params.key),
  });

  declareRoute(app, {
    method: "POST",
    url: "/questionnaires",
    tags: ["questionnaires"],
    summary:
      "Publish a definition as the next version of its key (administrators); answers already given keep their version",
    access: { action: "questionnaire.manage" },
    audit: definitionsOnly,
    body: QuestionnaireDefinition,
    response: StoredQuestionnaire,
    status: 201,
    handler: ({ tx, ctx, body }) => publishQuestionnaire(tx, ctx, body),
  });

  declareRoute(app, {
    method: "PATCH",
    url: "/questionnaires/:id",
    tags: ["questionnaires"],
    summary: "Offer or withdraw a version for new screenings (administrators)",
    access: { action: "questionnaire.manage" },
    audit: definitionsOnly,
    params: IdParams,
    body: z.strictObject({ active: z.boolean() }),
    response: StoredQuestionnaire,
    handler: ({ tx, ctx, params, body }) => setQuestionnaireActive(tx, ctx, params.id, body.active),
  });

  declareRoute(app, {
    method: "POST",
    url: "/citizens/:id/screenings",
    tags: ["detection"],
    summary:
      "Submit a detection form: outcome, note tagged ensomhed, consent, exclusion, referral — all or nothing",
    description: "Send an Idempotency-Key: a double tap or a retry stores the form once.",
    access: { action: "screening.create" },
    // The form always; the exclusion, the referral and the settled opsporingsklip when the form sets them off.
    audit: {
      records: [
        { action: "create", entity: "screening" },
        { action: "update", entity: "citizen" },
        { action: "create", entity: "referral" },
        { action: "update", entity: "detection_clip" },
      ],
    },
    params: IdParams,
    body: SubmitScreeningBody,
    response: ScreeningResult,
    status: 201,
    handler: ({ tx, ctx, params, body }) => submitScreening(tx, ctx, params.id, body),
  });

  declareRoute(app, {
    method: "GET",
    url: "/citizens/:id/screenings",
    tags: ["detection"],
    summary: "The citizen's screenings, newest first",
    access: { action: "citizen.read" },
    audit: { records: [{ action: "read", entity: "screenings" }] },
    params: IdParams,
    response: z.array(ScreeningResult),
    handler: ({ tx, ctx, params }) => listScreenings(tx, ctx, params.id),
  });
}
