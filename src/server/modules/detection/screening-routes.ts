import { z } from "zod";
import { ErrorBody, IdParams } from "../../../shared/api/common.js";
import { ScreeningResult, StoredQuestionnaire, SubmitScreeningBody } from "../../../shared/api/detection.js";
import { QuestionnaireDefinition, QuestionnaireKey } from "../../../shared/api/questionnaires.js";
import type { App } from "../../app.js";
import { requireCtx } from "../../platform/auth.js";
import { writeOnce } from "../../platform/idempotency.js";
import { getQuestionnaire, listQuestionnaires, listVersions, publishQuestionnaire, setQuestionnaireActive } from "./questionnaires.js";
import { listScreenings, submitScreening } from "./screenings.js";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export async function screeningRoutes(app: App): Promise<void> {
  const db = app.database.db;

  app.get(
    "/questionnaires",
    { schema: { tags: ["questionnaires"], summary: "Screening instruments: the newest version of each", response: { 200: z.array(StoredQuestionnaire), ...errors } } },
    async (request) => listQuestionnaires(db, requireCtx(request)),
  );
  app.get(
    "/questionnaires/:id",
    { schema: { tags: ["questionnaires"], summary: "One version of an instrument", params: IdParams, response: { 200: StoredQuestionnaire, ...errors } } },
    async (request) => getQuestionnaire(db, requireCtx(request), request.params.id),
  );
  app.get(
    "/questionnaires/by-key/:key/versions",
    {
      schema: {
        tags: ["questionnaires"],
        summary: "Every version of an instrument (administrators)",
        params: z.strictObject({ key: QuestionnaireKey }),
        response: { 200: z.array(StoredQuestionnaire), ...errors },
      },
    },
    async (request) => listVersions(db, requireCtx(request), request.params.key),
  );
  app.post(
    "/questionnaires",
    {
      schema: {
        tags: ["questionnaires"],
        summary: "Publish a definition as the next version of its key (administrators); answers already given keep their version",
        body: QuestionnaireDefinition,
        response: { 201: StoredQuestionnaire, ...errors },
      },
    },
    async (request, reply) => {
      const ctx = requireCtx(request);
      const r = await writeOnce(db, request, ctx, async (tx) => ({ status: 201, body: await publishQuestionnaire(tx, ctx, request.body) }));
      return reply.code(r.status).send(r.body);
    },
  );
  app.patch(
    "/questionnaires/:id",
    {
      schema: {
        tags: ["questionnaires"],
        summary: "Offer or withdraw a version for new screenings (administrators)",
        params: IdParams,
        body: z.strictObject({ active: z.boolean() }),
        response: { 200: StoredQuestionnaire, ...errors },
      },
    },
    async (request) => {
      const ctx = requireCtx(request);
      return db.transaction((tx) => setQuestionnaireActive(tx, ctx, request.params.id, request.body.active));
    },
  );

  app.post(
    "/citizens/:id/screenings",
    {
      schema: {
        tags: ["detection"],
        summary: "Submit a detection form: outcome, note tagged ensomhed, consent, exclusion, referral — all or nothing",
        description: "Send an Idempotency-Key: a double tap or a retry stores the form once.",
        params: IdParams,
        body: SubmitScreeningBody,
        response: { 201: ScreeningResult, ...errors },
      },
    },
    async (request, reply) => {
      const ctx = requireCtx(request);
      const r = await writeOnce(db, request, ctx, async (tx) => ({ status: 201, body: await submitScreening(tx, ctx, request.params.id, request.body) }));
      return reply.code(r.status).send(r.body);
    },
  );
  app.get(
    "/citizens/:id/screenings",
    { schema: { tags: ["detection"], summary: "The citizen's screenings, newest first", params: IdParams, response: { 200: z.array(ScreeningResult), ...errors } } },
    async (request) => {
      const ctx = requireCtx(request);
      return db.transaction((tx) => listScreenings(tx, ctx, request.params.id));
    },
  );
}
