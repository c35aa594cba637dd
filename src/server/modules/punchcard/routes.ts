import { z } from "zod";
import { IdParams } from "../../../shared/api/common.js";
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
import type { App } from "../../platform/app-type.js";
import { declareRoute } from "../../platform/route.js";
import { createBudget, listBudgets } from "./budgets.js";
import {
  calendarFeedIcs,
  calendarFeedStatus,
  clipsOfDay,
  createCalendarFeed,
  revokeCalendarFeed,
} from "./day.js";
import { cancelPlannedClip, getPunchCard, grantClips, planClip, plannableWorkers } from "./service.js";
import { registerClip } from "./registration.js";

const tags = ["punch card"];
const clipCreated = { records: [{ action: "create", entity: "clip" }] } as const;
const calendarFeed = { none: "the caller's own feed: whether it exists, no citizen" } as const;

export async function punchCardRoutes(app: App): Promise<void> {
  declareRoute(app, {
    method: "GET",
    url: "/courses/:id/card",
    tags,
    summary: "The punch card: granted, planned, used and remaining per kind, grants and clips",
    access: { action: "course.read" },
    audit: { records: [{ action: "read", entity: "punch_card" }] },
    params: IdParams,
    response: PunchCard,
    handler: ({ tx, ctx, params }) => getPunchCard(tx, ctx, params.id),
  });

  declareRoute(app, {
    method: "POST",
    url: "/courses/:id/grants",
    tags,
    summary:
      "Grant clips within the frame (409 grant_beyond_frame names the rules; an exception needs a role the policy names and a reason)",
    access: { action: "clip.grant" },
    audit: { records: [{ action: "create", entity: "clip_grant" }] },
    params: IdParams,
    body: GrantClipsBody,
    response: PunchCard,
    status: 201,
    handler: ({ tx, ctx, params, body }) => grantClips(tx, ctx, params.id, body),
  });

  declareRoute(app, {
    method: "POST",
    url: "/courses/:id/clips",
    tags,
    summary: "Plan a clip on a worker's day",
    access: { action: "clip.plan" },
    audit: clipCreated,
    params: IdParams,
    body: PlanClipBody,
    response: Clip,
    status: 201,
    handler: ({ tx, ctx, params, body }) => planClip(tx, ctx, params.id, body),
  });

  declareRoute(app, {
    method: "POST",
    url: "/courses/:id/clip-registrations",
    tags,
    summary:
      "Register a performed clip (or that the citizen cancelled); send an Idempotency-Key so a double tap stores once",
    // Care staff register; a manager only a planned clip's minutes beyond the grant or frame, as an
    // exception (the service asks clip.register with the clip and asException).
    access: { action: "clip.register" },
    // A planned clip is updated when performed; an unplanned one is created.
    audit: {
      records: [
        { action: "create", entity: "clip" },
        { action: "update", entity: "clip" },
      ],
    },
    params: IdParams,
    body: RegisterClipBody,
    response: Clip,
    status: 201,
    handler: ({ tx, ctx, params, body }) => registerClip(tx, ctx, params.id, body),
  });

  declareRoute(app, {
    method: "GET",
    url: "/courses/:id/workers",
    tags,
    summary:
      "Who a clip on this course can be planned for (the citizen's providers and the coordinator unit)",
    access: { action: "clip.plan" },
    audit: { records: [{ action: "read", entity: "course" }] },
    params: IdParams,
    response: z.array(PlannableWorker),
    handler: ({ tx, ctx, params }) => plannableWorkers(tx, ctx, params.id),
  });

  declareRoute(app, {
    method: "POST",
    url: "/clips/:id/cancel",
    tags,
    summary: "Take a planned clip off a worker's day (it goes back on the card)",
    access: { action: "clip.plan" },
    audit: { records: [{ action: "update", entity: "clip" }] },
    params: IdParams,
    body: ReasonBody,
    response: Clip,
    handler: ({ tx, ctx, params, body }) => cancelPlannedClip(tx, ctx, params.id, body.reason),
  });

  declareRoute(app, {
    method: "GET",
    url: "/clips/day",
    tags,
    summary:
      "Planned clips of a day: mine (default for workers), one worker's, or my organisation's (planners)",
    access: { action: "clip.day" },
    // A day without clips records one search row without a citizen.
    audit: { records: [{ action: "search", entity: "clip" }] },
    querystring: DayQuery,
    response: z.array(Clip),
    handler: ({ tx, ctx, query }) => clipsOfDay(tx, ctx, query),
  });

  declareRoute(app, {
    method: "GET",
    url: "/hour-budgets",
    tags,
    summary: "Units' hour budgets with what is granted and left",
    access: { action: "budget.read" },
    audit: { none: "units' hour budgets, no citizen" },
    response: z.array(HourBudget),
    handler: ({ tx, ctx }) => listBudgets(tx, ctx),
  });

  declareRoute(app, {
    method: "POST",
    url: "/hour-budgets",
    tags,
    summary: "Give a unit an hour budget for a period (managers, administrators)",
    access: { action: "budget.manage" },
    audit: { records: [{ action: "create", entity: "hour_budget" }] },
    body: CreateBudgetBody,
    response: HourBudget,
    status: 201,
    handler: ({ tx, ctx, body }) => createBudget(tx, ctx, body),
  });

  declareRoute(app, {
    method: "GET",
    url: "/me/calendar-feed",
    tags,
    summary: "Whether I have a calendar feed",
    access: { action: "calendarFeed.manage" },
    audit: calendarFeed,
    response: CalendarFeed,
    handler: ({ tx, ctx }) => calendarFeedStatus(tx, ctx),
  });

  declareRoute(app, {
    method: "POST",
    url: "/me/calendar-feed",
    tags,
    summary: "Create my calendar feed (replaces and revokes the previous address); the URL is shown once",
    access: { action: "calendarFeed.manage" },
    audit: { records: [{ action: "create", entity: "calendar_feed" }] },
    secretAnswer:
      "the feed's secret address is shown once; a repeat makes a new address and revokes the first",
    response: CalendarFeed,
    status: 201,
    handler: ({ tx, ctx, request }) => createCalendarFeed(tx, ctx, `${request.protocol}://${request.host}`),
  });

  declareRoute(app, {
    method: "DELETE",
    url: "/me/calendar-feed",
    tags,
    summary: "Revoke my calendar feed",
    access: { action: "calendarFeed.manage" },
    audit: { records: [{ action: "delete", entity: "calendar_feed" }] },
    response: CalendarFeed,
    handler: ({ tx, ctx }) => revokeCalendarFeed(tx, ctx),
  });

  declareRoute(app, {
    method: "GET",
    url: "/calendar/:token",
    produces: ["text/calendar"],
    tags,
    summary:
      "A worker's planned clips, opsporingsklip and booked conversations as iCalendar (secret URL, no login)",
    description:
      "Answers text/calendar. Only what a route list shows: time (opsporingsklip: all-day), kind of visit, the citizen's name and address.",
    access: { public: "a phone's calendar polls it without a session; the secret in the URL is the key" },
    // One read row per planned clip, opsporingsklip and booked conversation in the window.
    audit: {
      records: [{ action: "read", entity: "calendar_feed" }],
      mayBeEmpty: "nothing is planned or booked for the worker in the window",
    },
    ownTransaction: "the feed finds its worker by the token and reads the window in its own transaction",
    params: CalendarTokenParams,
    handler: async ({ db, params, reply }) => {
      const ics = await calendarFeedIcs(db, params.token.replace(/\.ics$/, ""));
      // Calendar apps may keep it five minutes (every other /api answer is no-store).
      void reply.type("text/calendar; charset=utf-8").header("cache-control", "private, max-age=300");
      return ics;
    },
  });
}
