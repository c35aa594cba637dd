/**
 * Typed calls of the detection and referral API (issue 3), shared by the pages in
 * pages/detection, referrals, triage and public-referral. Types only from src/shared,
 * so no schema code lands in a page's bundle unless the page validates with it.
 */
import type { z } from "zod";
import type { TriageFilter } from "../../../domain/vocabulary/detection";
import type { IdRef } from "../../../shared/api/common";
import type {
  DetectionClip,
  DetectionSettings,
  DueLists,
  JournalNote,
  MyDay,
  ScreeningResult,
  StoredQuestionnaire,
  SubmitScreeningBody,
  TriageDecisionBody,
  TriageMeeting,
} from "../../../shared/api/detection";
import type { QuestionnaireDefinitionInput } from "../../../shared/api/questionnaires";
import type {
  DecideReferralBody,
  PublicReferralBody,
  ReferralDetail,
  ReferralInboxQuery,
  ReferralSummary,
  RegisterExternalReferralBody,
  ReplyReferralBody,
  SentReferralsPage,
} from "../../../shared/api/referrals";
import { api, query } from "../../api/client";

export type MyDayData = z.infer<typeof MyDay>;
export type DueListsData = z.infer<typeof DueLists>;
export type DetectionSettingsData = z.infer<typeof DetectionSettings>;
export type Worker = z.infer<typeof IdRef>;
export type InboxStatus = ReferralInboxQuery["status"];
export type TriageDecisionInput = z.input<typeof TriageDecisionBody>;
export type PublicReferralInput = z.input<typeof PublicReferralBody>;
export type {
  DetectionClip,
  JournalNote,
  ReferralDetail,
  ReferralSummary,
  ScreeningResult,
  StoredQuestionnaire,
  TriageMeeting,
};

export const detectionKeys = {
  questionnaires: ["questionnaires"] as const,
  questionnaireVersions: (key: string) => ["questionnaires", "versions", key] as const,
  myDay: ["detection", "my-day"] as const,
  screenings: (citizenId: string) => ["citizen", citizenId, "screenings"] as const,
  journal: (citizenId: string) => ["citizen", citizenId, "journal", "ensomhed"] as const,
  workers: (citizenId: string) => ["citizen", citizenId, "detection-workers"] as const,
  due: (districtId: string, waitDays: number | undefined, limit?: number) =>
    ["detection", "due", districtId, waitDays ?? null, limit ?? null] as const,
  settings: ["detection", "settings"] as const,
  meeting: (id: string, filter: TriageFilter) => ["triage", "meeting", id, filter] as const,
  inbox: (status: InboxStatus, olderThanDays: number | undefined) =>
    ["referrals", "inbox", status, olderThanDays ?? null] as const,
  referral: (id: string) => ["referrals", "one", id] as const,
  sent: ["referrals", "sent"] as const,
  sentPage: (status: InboxStatus, page: number) => ["referrals", "sent", status, page] as const,
  municipalities: ["public", "municipalities"] as const,
};

export const detectionApi = {
  questionnaires: (signal?: AbortSignal) => api.get<StoredQuestionnaire[]>("/questionnaires", signal),
  questionnaire: (id: string, signal?: AbortSignal) =>
    api.get<StoredQuestionnaire>(`/questionnaires/${id}`, signal),
  versions: (key: string, signal?: AbortSignal) =>
    api.get<StoredQuestionnaire[]>(`/questionnaires/by-key/${encodeURIComponent(key)}/versions`, signal),
  publish: (definition: QuestionnaireDefinitionInput, key: string) =>
    api.post<StoredQuestionnaire>("/questionnaires", definition, key),
  setActive: (id: string, active: boolean) =>
    api.patch<StoredQuestionnaire>(`/questionnaires/${id}`, { active }),

  submitScreening: (citizenId: string, body: SubmitScreeningBody, key: string) =>
    api.post<ScreeningResult>(`/citizens/${citizenId}/screenings`, body, key),
  screenings: (citizenId: string, signal?: AbortSignal) =>
    api.get<ScreeningResult[]>(`/citizens/${citizenId}/screenings`, signal),
  journal: (citizenId: string, signal?: AbortSignal) =>
    api.get<JournalNote[]>(`/citizens/${citizenId}/journal${query({ tag: "ensomhed" })}`, signal),
  setNoteActive: (citizenId: string, noteId: string, active: boolean) =>
    api.patch<JournalNote>(`/citizens/${citizenId}/journal/${noteId}`, { active }),

  myDay: (signal?: AbortSignal) => api.get<MyDayData>("/detection/my-day", signal),
  workers: (citizenId: string, signal?: AbortSignal) =>
    api.get<Worker[]>(`/citizens/${citizenId}/detection-workers`, signal),
  grantClip: (
    citizenId: string,
    body: { workerUserId: string; plannedDate: string; minutes: number },
    key: string,
  ) => api.post<DetectionClip>(`/citizens/${citizenId}/detection-clips`, body, key),

  due: (districtId: string, referralWaitDays: number | undefined, limit?: number, signal?: AbortSignal) =>
    api.get<DueListsData>(`/detection/due${query({ districtId, referralWaitDays, limit })}`, signal),
  settings: (signal?: AbortSignal) => api.get<DetectionSettingsData>("/detection/settings", signal),
  updateSettings: (body: Partial<DetectionSettingsData>) =>
    api.patch<DetectionSettingsData>("/detection/settings", body),

  openMeeting: (districtId: string, heldOn: string) =>
    api.post<TriageMeeting>("/triage/meetings", { districtId, heldOn }),
  meeting: (id: string, filter: TriageFilter, signal?: AbortSignal) =>
    api.get<TriageMeeting>(`/triage/meetings/${id}${query({ filter })}`, signal),
  decide: (meetingId: string, citizenId: string, body: TriageDecisionInput) =>
    api.put<{ citizenId: string; colour: string | null; decision: string | null }>(
      `/triage/meetings/${meetingId}/decisions/${citizenId}`,
      body,
    ),
  meetingCsvUrl: (id: string) => `/api/triage/meetings/${id}/export.csv`,

  inbox: (status: InboxStatus, olderThanDays: number | undefined, signal?: AbortSignal) =>
    api.get<ReferralSummary[]>(`/referrals${query({ status, olderThanDays })}`, signal),
  referral: (id: string, signal?: AbortSignal) => api.get<ReferralDetail>(`/referrals/${id}`, signal),
  decideReferral: (id: string, body: DecideReferralBody, key: string) =>
    api.post<ReferralDetail>(`/referrals/${id}/decision`, body, key),
  registerReferral: (body: RegisterExternalReferralBody, key: string) =>
    api.post<ReferralDetail>("/referrals", body, key),
  sent: (signal?: AbortSignal) => api.get<ReferralSummary[]>("/referrals/sent", signal),
  sentPage: (status: InboxStatus, page: number, pageSize: number, signal?: AbortSignal) =>
    api.get<SentReferralsPage>(`/referrals/sent${query({ status, page, pageSize })}`, signal),
  replyToReferral: (id: string, body: ReplyReferralBody, key: string) =>
    api.post<ReferralDetail>(`/referrals/${id}/reply`, body, key),
  sendAdvis: (citizenId: string, reason: string, key: string) =>
    api.post<ReferralDetail>(`/citizens/${citizenId}/referrals`, { reason }, key),

  municipalities: (signal?: AbortSignal) =>
    api.get<{ code: string; name: string }[]>("/public/municipalities", signal),
  publicReferral: (body: PublicReferralInput) =>
    api.post<{ receiptNumber: string; receivedAt: string }>("/public/referrals", body),
};
