import { z } from "zod";
import { CLIP_STATUSES } from "../../../domain/course/vocabulary.js";
import { TRIAGE_FILTERS } from "../../../domain/vocabulary/detection.js";
import { IdParams, IdRef, uuid } from "../../../shared/api/common.js";
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
  OfflineDay,
  OpenTriageMeetingBody,
  TriageDecisionBody,
  TriageMeeting,
  TriageQuery,
  TriageRow,
  UpdateDetectionSettingsBody,
  UpdateJournalNoteBody,
} from "../../../shared/api/detection.js";
import type { App } from "../../platform/app-type.js";
import { declareRoute } from "../../platform/route.js";
import { grantDetectionClip, listDetectionClips, settleDetectionClip, workersForClip } from "./clips.js";
import { dueLists } from "./due.js";
import { addNote, listJournal, setNoteActive } from "./journal.js";
import { myDay } from "./my-day.js";
import { offlineDay } from "./offline-day.js";
import { getDetectionSettings, updateDetectionSettings } from "./settings.js";
import { exportMeetingCsv, getMeeting, openMeeting, recordDecision, triageOverview } from "./triage.js";

const settingsOnly = { none: "the municipality's detection settings name no one" } as const;
/** A meeting's minutes audit one search row per citizen listed; a district with none names no one. */
const meetingSearched = {
  records: [{ action: "search", entity: "triage_meeting" }],
  mayBeEmpty: "the meeting lists no citizen",
} as const;

export async function detectionRoutes(app: App): Promise<void> {
  declareRoute(app, {
    method: "GET",
    url: "/citizens/:id/journal",
    tags: ["journal"],
    summary: "The citizen's notes (observations tagged ensomhed, professional notes); active notes first",
    access: { action: "citizen.read" },
    audit: { records: [{ action: "read", entity: "journal" }] },
    params: IdParams,
    querystring: z.strictObject({ tag: z.string().max(40).optional() }),
    response: z.array(JournalNote),
    handler: ({ tx, ctx, params, query }) => listJournal(tx, ctx, params.id, query.tag),
  });

  declareRoute(app, {
    method: "POST",
    url: "/citizens/:id/journal",
    tags: ["journal"],
    summary: "Write a note on the citizen's journal",
    access: { action: "journal.write" },
    audit: { records: [{ action: "create", entity: "journal_note" }] },
    params: IdParams,
    body: CreateJournalNoteBody,
    response: JournalNote,
    status: 201,
    handler: ({ tx, ctx, params, body }) => addNote(tx, ctx, params.id, body),
  });

  declareRoute(app, {
    method: "PATCH",
    url: "/citizens/:id/journal/:noteId",
    tags: ["journal"],
    summary: "Keep a note active or close it",
    access: { action: "journal.write" },
    audit: { records: [{ action: "update", entity: "journal_note" }] },
    params: z.strictObject({ id: uuid, noteId: uuid }),
    body: UpdateJournalNoteBody,
    response: JournalNote,
    handler: ({ tx, ctx, params, body }) => setNoteActive(tx, ctx, params.id, params.noteId, body.active),
  });

  declareRoute(app, {
    method: "POST",
    url: "/citizens/:id/detection-clips",
    tags: ["detection"],
    summary: "Grant an opsporingsklip and put it on a worker's day (planners, team leaders)",
    access: { action: "detectionClip.grant" },
    audit: { records: [{ action: "create", entity: "detection_clip" }] },
    params: IdParams,
    body: GrantDetectionClipBody,
    response: DetectionClip,
    status: 201,
    handler: ({ tx, ctx, params, body }) => grantDetectionClip(tx, ctx, params.id, body),
  });

  declareRoute(app, {
    method: "GET",
    url: "/citizens/:id/detection-workers",
    tags: ["detection"],
    summary: "Workers who may receive this citizen's opsporingsklip (planners, team leaders)",
    access: { action: "detectionClip.grant" },
    audit: { records: [{ action: "read", entity: "detection_workers" }] },
    params: IdParams,
    response: z.array(IdRef),
    handler: ({ tx, ctx, params }) => workersForClip(tx, ctx, params.id),
  });

  declareRoute(app, {
    method: "GET",
    url: "/detection-clips",
    tags: ["detection"],
    summary: "Planned detection clips of a worker (default: me)",
    // Another worker's clips also need detectionClip.complete for that worker; the service asks.
    access: { action: "detectionClip.list" },
    audit: {
      records: [{ action: "search", entity: "detection_clip" }],
      mayBeEmpty: "the worker has no clip in the period",
    },
    querystring: DetectionClipQuery,
    response: z.array(DetectionClip),
    handler: ({ tx, ctx, query }) => listDetectionClips(tx, ctx, query),
  });

  declareRoute(app, {
    method: "POST",
    url: "/detection-clips/:id/settle",
    tags: ["detection"],
    summary: "Mark a planned detection clip done or cancelled",
    access: { action: "detectionClip.complete" },
    audit: { records: [{ action: "update", entity: "detection_clip" }] },
    params: IdParams,
    body: z.strictObject({ status: z.enum(CLIP_STATUSES).exclude(["planned"]) }),
    response: DetectionClip,
    handler: ({ tx, ctx, params, body }) => settleDetectionClip(tx, ctx, params.id, body.status, null),
  });

  declareRoute(app, {
    method: "GET",
    url: "/detection/my-day",
    tags: ["detection"],
    summary:
      "My citizens today, each once with all of the day's tasks: punch-card clips, opsporingsklip (overdue included), a due screening, contact person",
    access: { action: "detectionClip.list" },
    audit: { records: [{ action: "search", entity: "my_day" }], mayBeEmpty: "the day holds no citizen" },
    response: MyDay,
    handler: ({ tx, ctx }) => myDay(tx, ctx),
  });

  declareRoute(app, {
    method: "GET",
    url: "/detection/offline-day",
    tags: ["detection"],
    summary:
      "The day pack a worker's phone keeps for work without a signal: the day's citizens and tasks (no CPR, no notes), the screening instruments, and how many hours the phone may keep them",
    access: { action: "detectionClip.list" },
    audit: {
      records: [{ action: "read", entity: "offline_day" }],
      mayBeEmpty: "the day holds no citizen",
    },
    response: OfflineDay,
    handler: ({ tx, ctx }) => offlineDay(tx, ctx),
  });

  declareRoute(app, {
    method: "GET",
    url: "/detection/due",
    tags: ["detection"],
    summary: "Due lists: new and never screened, re-screening due, referrals waiting",
    access: { action: "due.list" },
    audit: { records: [{ action: "search", entity: "due_list" }], mayBeEmpty: "no citizen is due" },
    querystring: DueQuery,
    response: DueLists,
    handler: ({ tx, ctx, query }) => dueLists(tx, ctx, query),
  });

  declareRoute(app, {
    method: "GET",
    url: "/detection/settings",
    tags: ["detection"],
    summary: "The municipality's detection settings",
    access: { action: "detectionSettings.read" },
    audit: settingsOnly,
    response: DetectionSettings,
    handler: ({ tx, ctx }) => getDetectionSettings(tx, ctx),
  });

  declareRoute(app, {
    method: "PATCH",
    url: "/detection/settings",
    tags: ["detection"],
    summary: "Change re-screening interval and waiting limits (administrators)",
    access: { action: "settings.manage" },
    audit: settingsOnly,
    body: UpdateDetectionSettingsBody,
    response: DetectionSettings,
    handler: ({ tx, ctx, body }) => updateDetectionSettings(tx, ctx, body),
  });

  declareRoute(app, {
    method: "GET",
    url: "/triage",
    tags: ["triage"],
    summary: "The team's citizens with the latest risk colour",
    access: { action: "triage.run" },
    audit: {
      records: [{ action: "search", entity: "triage" }],
      mayBeEmpty: "the team has no citizen in the filter",
    },
    querystring: TriageQuery,
    response: z.array(TriageRow),
    handler: ({ tx, ctx, query }) => triageOverview(tx, ctx, query),
  });

  declareRoute(app, {
    method: "POST",
    url: "/triage/meetings",
    tags: ["triage"],
    summary: "Open (or reopen) the district's meeting of a day",
    access: { action: "triage.run" },
    // Answers with the meeting's minutes, audited like reading them.
    audit: meetingSearched,
    body: OpenTriageMeetingBody,
    response: TriageMeeting,
    handler: ({ tx, ctx, body }) => openMeeting(tx, ctx, body),
  });

  declareRoute(app, {
    method: "GET",
    url: "/triage/meetings/:id",
    tags: ["triage"],
    summary: "A meeting with its minutes",
    access: { action: "triage.run" },
    audit: meetingSearched,
    params: IdParams,
    querystring: z.strictObject({ filter: z.enum(TRIAGE_FILTERS).default("all") }),
    response: TriageMeeting,
    handler: ({ tx, ctx, params, query }) => getMeeting(tx, ctx, params.id, query.filter),
  });

  declareRoute(app, {
    method: "PUT",
    url: "/triage/meetings/:id/decisions/:citizenId",
    tags: ["triage"],
    summary: "Set a citizen's colour and/or decision at the meeting",
    access: { action: "triage.run" },
    audit: { records: [{ action: "update", entity: "triage_decision" }] },
    params: z.strictObject({ id: uuid, citizenId: uuid }),
    body: TriageDecisionBody,
    response: z.object({ citizenId: uuid, colour: z.string().nullable(), decision: z.string().nullable() }),
    handler: ({ tx, ctx, params, body }) => recordDecision(tx, ctx, params.id, params.citizenId, body),
  });

  declareRoute(app, {
    method: "GET",
    url: "/triage/meetings/:id/export.csv",
    produces: ["text/csv"],
    tags: ["triage"],
    summary: "The meeting list as CSV (for print or the minutes)",
    access: { action: "triage.run" },
    audit: {
      records: [{ action: "export", entity: "triage_meeting" }],
      mayBeEmpty: "the meeting lists no citizen",
    },
    params: IdParams,
    handler: async ({ tx, ctx, params, reply }) => {
      const { csv, heldOn } = await exportMeetingCsv(tx, ctx, params.id);
      reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="triagemoede-${heldOn}.csv"`);
      return `\uFEFF${csv}`;
    },
  });
}
