import { z } from "zod";
import { ErrorBody, IdParams, IdRef, uuid } from "../../../shared/api/common.js";
import {
  CreateJournalNoteBody,
  DetectionClip,
  DetectionClipQuery,
  DetectionSettings,
  DueLists,
  DueQuery,
  GrantDetectionClipBody,
  JournalNote,
  MyDay,
  OpenTriageMeetingBody,
  TriageDecisionBody,
  TriageMeeting,
  TriageQuery,
  TriageRow,
  UpdateDetectionSettingsBody,
  UpdateJournalNoteBody,
} from "../../../shared/api/detection.js";
import type { App } from "../../app.js";
import { requireCtx } from "../../platform/auth.js";
import { writeOnce } from "../../platform/idempotency.js";
import { grantDetectionClip, listDetectionClips, settleDetectionClip, workersForClip } from "./clips.js";
import { dueLists } from "./due.js";
import { addNote, listJournal, setNoteActive } from "./journal.js";
import { myDay } from "./my-day.js";
import { getDetectionSettings, updateDetectionSettings } from "./settings.js";
import { exportMeetingCsv, getMeeting, openMeeting, recordDecision, triageOverview } from "./triage.js";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export async function detectionRoutes(app: App): Promise<void> {
  const db = app.database.db;

  app.get(
    "/citizens/:id/journal",
    {
      schema: {
        tags: ["journal"],
        summary: "The citizen's notes (observations tagged ensomhed, professional notes); active notes first",
        params: IdParams,
        querystring: z.strictObject({ tag: z.string().max(40).optional() }),
        response: { 200: z.array(JournalNote), ...errors },
      },
    },
    async (request) => {
      const ctx = requireCtx(request);
      return db.transaction((tx) => listJournal(tx, ctx, request.params.id, request.query.tag));
    },
  );
  app.post(
    "/citizens/:id/journal",
    { schema: { tags: ["journal"], summary: "Write a note on the citizen's journal", params: IdParams, body: CreateJournalNoteBody, response: { 201: JournalNote, ...errors } } },
    async (request, reply) => {
      const ctx = requireCtx(request);
      const r = await writeOnce(db, request, ctx, async (tx) => ({ status: 201, body: await addNote(tx, ctx, request.params.id, request.body) }));
      return reply.code(r.status).send(r.body);
    },
  );
  app.patch(
    "/citizens/:id/journal/:noteId",
    {
      schema: {
        tags: ["journal"],
        summary: "Keep a note active or close it",
        params: z.strictObject({ id: uuid, noteId: uuid }),
        body: UpdateJournalNoteBody,
        response: { 200: JournalNote, ...errors },
      },
    },
    async (request) => {
      const ctx = requireCtx(request);
      return db.transaction((tx) => setNoteActive(tx, ctx, request.params.id, request.params.noteId, request.body.active));
    },
  );

  app.post(
    "/citizens/:id/detection-clips",
    { schema: { tags: ["detection"], summary: "Grant an opsporingsklip and put it on a worker's day (planners, team leaders)", params: IdParams, body: GrantDetectionClipBody, response: { 201: DetectionClip, ...errors } } },
    async (request, reply) => {
      const ctx = requireCtx(request);
      const r = await writeOnce(db, request, ctx, async (tx) => ({ status: 201, body: await grantDetectionClip(tx, ctx, request.params.id, request.body) }));
      return reply.code(r.status).send(r.body);
    },
  );
  app.get(
    "/citizens/:id/detection-workers",
    { schema: { tags: ["detection"], summary: "Workers who may receive this citizen's opsporingsklip (planners, team leaders)", params: IdParams, response: { 200: z.array(IdRef), ...errors } } },
    async (request) => {
      const ctx = requireCtx(request);
      return db.transaction((tx) => workersForClip(tx, ctx, request.params.id));
    },
  );
  app.get(
    "/detection-clips",
    { schema: { tags: ["detection"], summary: "Planned detection clips of a worker (default: me)", querystring: DetectionClipQuery, response: { 200: z.array(DetectionClip), ...errors } } },
    async (request) => {
      const ctx = requireCtx(request);
      return db.transaction((tx) => listDetectionClips(tx, ctx, request.query));
    },
  );
  app.post(
    "/detection-clips/:id/settle",
    {
      schema: {
        tags: ["detection"],
        summary: "Mark a planned detection clip done or cancelled",
        params: IdParams,
        body: z.strictObject({ status: z.enum(["done", "cancelled"]) }),
        response: { 200: DetectionClip, ...errors },
      },
    },
    async (request) => {
      const ctx = requireCtx(request);
      return db.transaction((tx) => settleDetectionClip(tx, ctx, request.params.id, request.body.status, null));
    },
  );

  app.get(
    "/detection/my-day",
    { schema: { tags: ["detection"], summary: "My citizens today, each once with all of the day's tasks: punch-card clips, opsporingsklip (overdue included), a due screening, contact person", response: { 200: MyDay, ...errors } } },
    async (request) => {
      const ctx = requireCtx(request);
      return db.transaction((tx) => myDay(tx, ctx));
    },
  );

  app.get(
    "/detection/due",
    { schema: { tags: ["detection"], summary: "Due lists: new and never screened, re-screening due, referrals waiting", querystring: DueQuery, response: { 200: DueLists, ...errors } } },
    async (request) => {
      const ctx = requireCtx(request);
      return db.transaction((tx) => dueLists(tx, ctx, request.query));
    },
  );
  app.get(
    "/detection/settings",
    { schema: { tags: ["detection"], summary: "The municipality's detection settings", response: { 200: DetectionSettings, ...errors } } },
    async (request) => getDetectionSettings(db, requireCtx(request)),
  );
  app.patch(
    "/detection/settings",
    { schema: { tags: ["detection"], summary: "Change re-screening interval and waiting limits (administrators)", body: UpdateDetectionSettingsBody, response: { 200: DetectionSettings, ...errors } } },
    async (request) => {
      const ctx = requireCtx(request);
      return db.transaction((tx) => updateDetectionSettings(tx, ctx, request.body));
    },
  );

  app.get(
    "/triage",
    { schema: { tags: ["triage"], summary: "The team's citizens with the latest risk colour", querystring: TriageQuery, response: { 200: z.array(TriageRow), ...errors } } },
    async (request) => {
      const ctx = requireCtx(request);
      return db.transaction((tx) => triageOverview(tx, ctx, request.query));
    },
  );
  app.post(
    "/triage/meetings",
    { schema: { tags: ["triage"], summary: "Open (or reopen) the district's meeting of a day", body: OpenTriageMeetingBody, response: { 200: TriageMeeting, ...errors } } },
    async (request) => {
      const ctx = requireCtx(request);
      return db.transaction((tx) => openMeeting(tx, ctx, request.body));
    },
  );
  app.get(
    "/triage/meetings/:id",
    {
      schema: {
        tags: ["triage"],
        summary: "A meeting with its minutes",
        params: IdParams,
        querystring: z.strictObject({ filter: z.enum(["all", "yellow_red", "never_screened"]).default("all") }),
        response: { 200: TriageMeeting, ...errors },
      },
    },
    async (request) => {
      const ctx = requireCtx(request);
      return db.transaction((tx) => getMeeting(tx, ctx, request.params.id, request.query.filter));
    },
  );
  app.put(
    "/triage/meetings/:id/decisions/:citizenId",
    {
      schema: {
        tags: ["triage"],
        summary: "Set a citizen's colour and/or decision at the meeting",
        params: z.strictObject({ id: uuid, citizenId: uuid }),
        body: TriageDecisionBody,
        response: { 200: z.object({ citizenId: uuid, colour: z.string().nullable(), decision: z.string().nullable() }), ...errors },
      },
    },
    async (request) => {
      const ctx = requireCtx(request);
      return db.transaction((tx) => recordDecision(tx, ctx, request.params.id, request.params.citizenId, request.body));
    },
  );
  app.get(
    "/triage/meetings/:id/export.csv",
    { schema: { tags: ["triage"], summary: "The meeting list as CSV (for print or the minutes)", params: IdParams, produces: ["text/csv"] } },
    async (request, reply) => {
      const ctx = requireCtx(request);
      const { csv, heldOn } = await db.transaction((tx) => exportMeetingCsv(tx, ctx, request.params.id));
      return reply.type("text/csv; charset=utf-8").header("content-disposition", `attachment; filename="triagemoede-${heldOn}.csv"`).send(`\uFEFF${csv}`);
    },
  );
}
