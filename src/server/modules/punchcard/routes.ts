import { z } from "zod";
import { ErrorBody, IdParams } from "../../../shared/api/common.js";
import {
  CalendarFeed,
  CalendarTokenParams,
  Clip,
  CreateBudgetBody,
  DayQuery,
  GrantClipsBody,
  HourBudget,
  PlanClipBody,
  PlannableWorker,
  PunchCard,
  ReasonBody,
  RegisterClipBody,
} from "../../../shared/api/punch-card.js";
import type { App } from "../../app.js";
import { requireCtx } from "../../platform/auth.js";
import { writeOnce } from "../../platform/idempotency.js";
import { createBudget, listBudgets } from "./budgets.js";
import { calendarFeedIcs, calendarFeedStatus, clipsOfDay, createCalendarFeed, revokeCalendarFeed } from "./day.js";
import { cancelPlannedClip, getPunchCard, grantClips, planClip, plannableWorkers, registerClip } from "./service.js";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ["punch card"];

export async function punchCardRoutes(app: App): Promise<void> {
  const db = app.database.db;

  app.get(
    "/courses/:id/card",
    { schema: { tags, summary: "The punch card: granted, planned, used and remaining per kind, grants and clips", params: IdParams, response: { 200: PunchCard, ...errors } } },
    async (request) => {
      const ctx = requireCtx(request);
      return db.transaction((tx) => getPunchCard(tx, ctx, request.params.id));
    },
  );

  app.post(
    "/courses/:id/grants",
    {
      schema: {
        tags,
        summary: "Grant clips within the frame (409 grant_beyond_frame names the rules; an exception needs a role the policy names and a reason)",
        params: IdParams,
        body: GrantClipsBody,
        response: { 201: PunchCard, ...errors },
      },
    },
    async (request, reply) => {
      const ctx = requireCtx(request);
      const r = await writeOnce(db, request, ctx, async (tx) => ({ status: 201, body: await grantClips(tx, ctx, request.params.id, request.body) }));
      return reply.code(r.status).send(r.body);
    },
  );

  app.post(
    "/courses/:id/clips",
    { schema: { tags, summary: "Plan a clip on a worker's day", params: IdParams, body: PlanClipBody, response: { 201: Clip, ...errors } } },
    async (request, reply) => {
      const ctx = requireCtx(request);
      const r = await writeOnce(db, request, ctx, async (tx) => ({ status: 201, body: await planClip(tx, ctx, request.params.id, request.body) }));
      return reply.code(r.status).send(r.body);
    },
  );

  app.post(
    "/courses/:id/clip-registrations",
    {
      schema: {
        tags,
        summary: "Register a performed clip (or that the citizen cancelled); send an Idempotency-Key so a double tap stores once",
        params: IdParams,
        body: RegisterClipBody,
        response: { 201: Clip, ...errors },
      },
    },
    async (request, reply) => {
      const ctx = requireCtx(request);
      const r = await writeOnce(db, request, ctx, async (tx) => ({ status: 201, body: await registerClip(tx, ctx, request.params.id, request.body) }));
      return reply.code(r.status).send(r.body);
    },
  );

  app.get(
    "/courses/:id/workers",
    { schema: { tags, summary: "Who a clip on this course can be planned for (the citizen's providers and the coordinator unit)", params: IdParams, response: { 200: z.array(PlannableWorker), ...errors } } },
    async (request) => {
      const ctx = requireCtx(request);
      return db.transaction((tx) => plannableWorkers(tx, ctx, request.params.id));
    },
  );

  app.post(
    "/clips/:id/cancel",
    { schema: { tags, summary: "Take a planned clip off a worker's day (it goes back on the card)", params: IdParams, body: ReasonBody, response: { 200: Clip, ...errors } } },
    async (request, reply) => {
      const ctx = requireCtx(request);
      const r = await writeOnce(db, request, ctx, async (tx) => ({ status: 200, body: await cancelPlannedClip(tx, ctx, request.params.id, request.body.reason) }));
      return reply.code(r.status).send(r.body);
    },
  );

  app.get(
    "/clips/day",
    {
      schema: {
        tags,
        summary: "Planned clips of a day: mine (default for workers), one worker's, or my organisation's (planners)",
        querystring: DayQuery,
        response: { 200: z.array(Clip), ...errors },
      },
    },
    async (request) => {
      const ctx = requireCtx(request);
      return db.transaction((tx) => clipsOfDay(tx, ctx, request.query));
    },
  );

  app.get("/hour-budgets", { schema: { tags, summary: "Units' hour budgets with what is granted and left", response: { 200: z.array(HourBudget), ...errors } } }, async (request) => {
    const ctx = requireCtx(request);
    return db.transaction((tx) => listBudgets(tx, ctx));
  });

  app.post(
    "/hour-budgets",
    { schema: { tags, summary: "Give a unit an hour budget for a period (managers, administrators)", body: CreateBudgetBody, response: { 201: HourBudget, ...errors } } },
    async (request, reply) => {
      const ctx = requireCtx(request);
      const r = await writeOnce(db, request, ctx, async (tx) => ({ status: 201, body: await createBudget(tx, ctx, request.body) }));
      return reply.code(r.status).send(r.body);
    },
  );

  app.get("/me/calendar-feed", { schema: { tags, summary: "Whether I have a calendar feed", response: { 200: CalendarFeed, ...errors } } }, async (request) => {
    const ctx = requireCtx(request);
    return db.transaction((tx) => calendarFeedStatus(tx, ctx));
  });

  app.post(
    "/me/calendar-feed",
    { schema: { tags, summary: "Create my calendar feed (replaces and revokes the previous address); the URL is shown once", response: { 201: CalendarFeed, ...errors } } },
    async (request, reply) => {
      const ctx = requireCtx(request);
      const origin = `${request.protocol}://${request.host}`;
      return reply.code(201).send(await db.transaction((tx) => createCalendarFeed(tx, ctx, origin)));
    },
  );

  app.delete("/me/calendar-feed", { schema: { tags, summary: "Revoke my calendar feed", response: { 200: CalendarFeed, ...errors } } }, async (request) => {
    const ctx = requireCtx(request);
    return db.transaction((tx) => revokeCalendarFeed(tx, ctx));
  });

  app.get(
    "/calendar/:token",
    {
      config: { public: true },
      schema: {
        tags,
        summary: "A worker's planned clips, opsporingsklip and booked conversations as iCalendar (secret URL, no login)",
        description: "Answers text/calendar. Only what a route list shows: time (opsporingsklip: all-day), kind of visit, the citizen's name and address.",
        produces: ["text/calendar"],
        params: CalendarTokenParams,
        response: { 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const ics = await calendarFeedIcs(db, request.params.token.replace(/\.ics$/, ""));
      return reply.type("text/calendar; charset=utf-8").header("cache-control", "private, max-age=300").send(ics as never);
    },
  );
}
