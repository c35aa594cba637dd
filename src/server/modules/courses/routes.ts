import { z } from "zod";
import { ErrorBody, IdParams } from "../../../shared/api/common.js";
import { DefinitionKind, StoredDefinition } from "../../../shared/api/course-definitions.js";
import {
  BookConversationBody,
  CaseloadQuery,
  CitizenCourses,
  CloseCourseBody,
  Conversation,
  Coordinators,
  CourseDetail,
  CourseSummary,
  CreateInterventionBody,
  FollowUpBody,
  Intervention,
  MoveStageBody,
  OpenCourseForCitizenBody,
  PauseBody,
  ReassignBody,
  RecordConversationBody,
  TimelineEntry,
  TimelineQuery,
} from "../../../shared/api/courses.js";
import { DefinitionParams } from "../../../shared/api/punch-card.js";
import type { App } from "../../app.js";
import { requireCtx } from "../../platform/auth.js";
import { writeOnce } from "../../platform/idempotency.js";
import { bookConversation, createIntervention, endIntervention, recordConversation } from "./conversations.js";
import { definitionVersions, listCourseDefinitions, publishCourseDefinition } from "./course-definitions.js";
import {
  caseload,
  citizenCourses,
  close,
  coordinatorsOverview,
  getCourse,
  moveStage,
  openCourseForCitizen,
  pause,
  reassign,
  recordFollowUp,
  resume,
} from "./service.js";
import { citizenTimeline } from "./timeline.js";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ["courses"];

export async function courseRoutes(app: App): Promise<void> {
  const db = app.database.db;

  app.get(
    "/courses/caseload",
    { schema: { tags, summary: "Open courses of a coordinator (default: me), for the start page", querystring: CaseloadQuery, response: { 200: z.array(CourseSummary), ...errors } } },
    async (request) => {
      const ctx = requireCtx(request);
      return db.transaction((tx) => caseload(tx, ctx, request.query));
    },
  );

  app.get(
    "/courses/coordinators",
    { schema: { tags, summary: "Every coordinator's caseload size (managers)", response: { 200: Coordinators, ...errors } } },
    async (request) => {
      const ctx = requireCtx(request);
      return db.transaction((tx) => coordinatorsOverview(tx, ctx));
    },
  );

  app.get(
    "/citizens/:id/courses",
    { schema: { tags, summary: "The citizen's open course (in full) and closed courses", params: IdParams, response: { 200: CitizenCourses, ...errors } } },
    async (request) => {
      const ctx = requireCtx(request);
      return db.transaction((tx) => citizenCourses(tx, ctx, request.params.id));
    },
  );

  app.post(
    "/citizens/:id/courses",
    {
      schema: {
        tags,
        summary: "Open a course without a referral (coordinators); a citizen has at most one open course",
        params: IdParams,
        body: OpenCourseForCitizenBody,
        response: { 201: CourseDetail, ...errors },
      },
    },
    async (request, reply) => {
      const ctx = requireCtx(request);
      const r = await writeOnce(db, request, ctx, async (tx) => ({ status: 201, body: await openCourseForCitizen(tx, ctx, request.params.id, request.body) }));
      return reply.code(r.status).send(r.body);
    },
  );

  app.get(
    "/citizens/:id/timeline",
    { schema: { tags, summary: "The citizen's course as a timeline, newest first", params: IdParams, querystring: TimelineQuery, response: { 200: z.array(TimelineEntry), ...errors } } },
    async (request) => {
      const ctx = requireCtx(request);
      return db.transaction((tx) => citizenTimeline(tx, ctx, request.params.id, request.query.limit));
    },
  );

  app.get(
    "/courses/:id",
    { schema: { tags, summary: "One course with history, conversations, interventions, follow-ups and the card", params: IdParams, response: { 200: CourseDetail, ...errors } } },
    async (request) => {
      const ctx = requireCtx(request);
      return db.transaction((tx) => getCourse(tx, ctx, request.params.id));
    },
  );

  const courseWrite = <B extends z.ZodType>(
    path: string,
    summary: string,
    body: B,
    work: (tx: Parameters<Parameters<typeof db.transaction>[0]>[0], ctx: ReturnType<typeof requireCtx>, id: string, body: z.output<B>) => Promise<unknown>,
    response: z.ZodType = CourseDetail,
    status = 200,
  ) =>
    app.post(path, { schema: { tags, summary, params: IdParams, body, response: { [status]: response, ...errors } } }, async (request, reply) => {
      const ctx = requireCtx(request);
      const { id } = request.params as { id: string };
      const r = await writeOnce(db, request, ctx, async (tx) => ({ status, body: await work(tx, ctx, id, request.body as z.output<B>) }));
      // The generic helper cannot tell Fastify which response schema applies; the schema still validates it.
      return reply.code(r.status).send(r.body as never);
    });

  courseWrite("/courses/:id/stage", "Move the course to another stage (a reason when skipping, going back)", MoveStageBody, moveStage);
  courseWrite("/courses/:id/pause", "Pause the course", PauseBody, pause);
  courseWrite("/courses/:id/resume", "Resume a paused course", PauseBody, resume);
  courseWrite("/courses/:id/reassign", "Give the course to another coordinator (managers)", ReassignBody, reassign);
  courseWrite("/courses/:id/close", "Close the course with the citizen's own account and a summary for home care", CloseCourseBody, close);
  courseWrite("/courses/:id/follow-ups", "Record a follow-up (FSIII E1–E4); E3 closes the course", FollowUpBody, recordFollowUp);
  courseWrite("/courses/:id/bookings", "Book a visit (clarification, guidance or follow-up)", BookConversationBody, bookConversation, Conversation, 201);
  courseWrite("/courses/:id/conversations", "Record a conversation from a guide, with its structured result", RecordConversationBody, recordConversation, Conversation, 201);
  courseWrite("/courses/:id/interventions", "Attach an intervention with the organisation that carries it out", CreateInterventionBody, createIntervention, Intervention, 201);

  app.post(
    "/interventions/:id/end",
    { schema: { tags, summary: "End an intervention", params: IdParams, response: { 200: Intervention, ...errors } } },
    async (request, reply) => {
      const ctx = requireCtx(request);
      const r = await writeOnce(db, request, ctx, async (tx) => ({ status: 200, body: await endIntervention(tx, ctx, request.params.id) }));
      return reply.code(r.status).send(r.body);
    },
  );

  app.get(
    "/course-definitions",
    {
      schema: {
        tags,
        summary: "Newest active conversation guides, barrier catalogue, interest taxonomy or punch-card frame",
        querystring: z.strictObject({ kind: DefinitionKind }),
        response: { 200: z.array(StoredDefinition), ...errors },
      },
    },
    async (request) => {
      const ctx = requireCtx(request);
      return db.transaction((tx) => listCourseDefinitions(tx, ctx, request.query.kind));
    },
  );

  app.get(
    "/course-definitions/:kind/:key/versions",
    { schema: { tags, summary: "Every version of one configuration document", params: DefinitionParams, response: { 200: z.array(StoredDefinition), ...errors } } },
    async (request) => {
      const ctx = requireCtx(request);
      return db.transaction((tx) => definitionVersions(tx, ctx, request.params.kind, request.params.key));
    },
  );

  app.put(
    "/course-definitions/:kind/:key",
    {
      schema: {
        tags,
        summary: "Publish a new version of a configuration document (administrators); past records keep theirs",
        params: DefinitionParams,
        body: z.record(z.string(), z.unknown()),
        response: { 200: StoredDefinition, ...errors },
      },
    },
    async (request, reply) => {
      const ctx = requireCtx(request);
      const r = await writeOnce(db, request, ctx, async (tx) => ({
        status: 200,
        body: await publishCourseDefinition(tx, ctx, request.params.kind, request.params.key, request.body),
      }));
      return reply.code(r.status).send(r.body);
    },
  );
}
