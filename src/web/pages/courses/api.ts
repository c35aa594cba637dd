/**
 * Typed calls of the course and punch-card API (issue 4), shared by the pages in
 * pages/courses. Types only from src/shared, so no schema code lands in a page's bundle
 * unless the page validates with it.
 */
import type { z } from "zod";
import type { IdRef } from "../../../shared/api/common";
import type { DefinitionKind, StoredDefinition } from "../../../shared/api/course-definitions";
import type {
  BookConversationBody,
  CaseloadCount,
  CitizenCourses,
  CloseCourseBody,
  Conversation,
  CourseDetail,
  CourseSummary,
  CreateInterventionBody,
  FollowUpBody,
  Intervention,
  MoveStageBody,
  PauseBody,
  ReassignBody,
  RecordConversationBody,
  TimelineEntry,
} from "../../../shared/api/courses";
import type {
  CalendarFeed,
  Clip,
  CreateBudgetBody,
  GrantClipsBody,
  HourBudget,
  PlanClipBody,
  PlannableWorker,
  PunchCard,
  RegisterClipBody,
} from "../../../shared/api/punch-card";
import { api, query } from "../../api/client";

export type CoordinatorCount = z.infer<typeof CaseloadCount>;
export type CitizenCoursesData = z.infer<typeof CitizenCourses>;
export type Person = z.infer<typeof IdRef>;
export type {
  CalendarFeed,
  Clip,
  Conversation,
  CourseDetail,
  CourseSummary,
  HourBudget,
  Intervention,
  PunchCard,
  StoredDefinition,
  TimelineEntry,
};

export const courseKeys = {
  caseload: (coordinator: string | null) => ["courses", "caseload", coordinator ?? "me"] as const,
  coordinators: ["courses", "coordinators"] as const,
  course: (id: string) => ["courses", "one", id] as const,
  card: (id: string) => ["courses", "one", id, "card"] as const,
  workers: (id: string) => ["courses", "one", id, "workers"] as const,
  citizenCourses: (citizenId: string) => ["citizen", citizenId, "courses"] as const,
  timeline: (citizenId: string) => ["citizen", citizenId, "timeline"] as const,
  definitions: (kind: DefinitionKind) => ["course-definitions", kind] as const,
  definitionVersions: (kind: DefinitionKind, key: string) =>
    ["course-definitions", kind, "versions", key] as const,
  day: (date: string, workerUserId: string | null) => ["clips", "day", date, workerUserId ?? "me"] as const,
  budgets: ["hour-budgets"] as const,
  calendarFeed: ["me", "calendar-feed"] as const,
};

/** A write on a course sends the version it was shown at; a stale one gets 409 version_conflict. */
const courseWrite =
  <B>(path: string) =>
  (id: string, body: B, key: string) =>
    api.post<CourseDetail>(`/courses/${id}/${path}`, body, key);

export const coursesApi = {
  caseload: (coordinator: string | null, signal?: AbortSignal) =>
    api.get<CourseSummary[]>(`/courses/caseload${query({ coordinator })}`, signal),
  coordinators: (signal?: AbortSignal) => api.get<CoordinatorCount[]>("/courses/coordinators", signal),
  citizenCourses: (citizenId: string, signal?: AbortSignal) =>
    api.get<CitizenCoursesData>(`/citizens/${citizenId}/courses`, signal),
  open: (citizenId: string, body: { coordinatorUserId?: string; reason: string }, key: string) =>
    api.post<CourseDetail>(`/citizens/${citizenId}/courses`, body, key),
  timeline: (citizenId: string, signal?: AbortSignal) =>
    api.get<TimelineEntry[]>(`/citizens/${citizenId}/timeline${query({ limit: 200 })}`, signal),

  get: (id: string, signal?: AbortSignal) => api.get<CourseDetail>(`/courses/${id}`, signal),
  move: courseWrite<MoveStageBody>("stage"),
  pause: courseWrite<PauseBody>("pause"),
  resume: courseWrite<{ version: number }>("resume"),
  reassign: courseWrite<ReassignBody>("reassign"),
  close: courseWrite<CloseCourseBody>("close"),
  followUp: courseWrite<FollowUpBody>("follow-ups"),

  book: (id: string, body: BookConversationBody, key: string) =>
    api.post<Conversation>(`/courses/${id}/bookings`, body, key),
  record: (id: string, body: RecordConversationBody, key: string) =>
    api.post<Conversation>(`/courses/${id}/conversations`, body, key),
  addIntervention: (id: string, body: CreateInterventionBody, key: string) =>
    api.post<Intervention>(`/courses/${id}/interventions`, body, key),
  endIntervention: (interventionId: string, key: string) =>
    api.post<Intervention>(`/interventions/${interventionId}/end`, undefined, key),

  card: (id: string, signal?: AbortSignal) => api.get<PunchCard>(`/courses/${id}/card`, signal),
  grant: (id: string, body: GrantClipsBody, key: string) =>
    api.post<PunchCard>(`/courses/${id}/grants`, body, key),
  workers: (id: string, signal?: AbortSignal) => api.get<PlannableWorker[]>(`/courses/${id}/workers`, signal),
  plan: (id: string, body: PlanClipBody, key: string) => api.post<Clip>(`/courses/${id}/clips`, body, key),
  register: (id: string, body: RegisterClipBody, key: string) =>
    api.post<Clip>(`/courses/${id}/clip-registrations`, body, key),
  cancelClip: (clipId: string, reason: string, key: string) =>
    api.post<Clip>(`/clips/${clipId}/cancel`, { reason }, key),
  day: (date: string, workerUserId: string | null, signal?: AbortSignal) =>
    api.get<Clip[]>(`/clips/day${query({ date, workerUserId })}`, signal),

  definitions: (kind: DefinitionKind, signal?: AbortSignal) =>
    api.get<StoredDefinition[]>(`/course-definitions${query({ kind })}`, signal),
  definitionVersions: (kind: DefinitionKind, key: string, signal?: AbortSignal) =>
    api.get<StoredDefinition[]>(`/course-definitions/${kind}/${encodeURIComponent(key)}/versions`, signal),
  publishDefinition: (kind: DefinitionKind, key: string, document: unknown, idempotencyKey: string) =>
    api.put<StoredDefinition>(
      `/course-definitions/${kind}/${encodeURIComponent(key)}`,
      document,
      idempotencyKey,
    ),

  budgets: (signal?: AbortSignal) => api.get<HourBudget[]>("/hour-budgets", signal),
  createBudget: (body: CreateBudgetBody, key: string) => api.post<HourBudget>("/hour-budgets", body, key),

  calendarFeed: (signal?: AbortSignal) => api.get<CalendarFeed>("/me/calendar-feed", signal),
  createCalendarFeed: () => api.post<CalendarFeed>("/me/calendar-feed"),
  revokeCalendarFeed: () => api.delete<CalendarFeed>("/me/calendar-feed"),
};
