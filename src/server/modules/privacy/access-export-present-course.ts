/**
 * Presenting the access export, course side: the citizen's courses and what was recorded on them, in
 * words — a conversation's notes under the guide's theme titles, interests and barriers by the labels
 * of the catalogue version it used, a grant's broken rules in sentences, exactly the fields a
 * volunteer centre was given. Other citizens of a small community are a number, never names.
 */
import { copenhagenDate } from "../../../domain/time.js";
import type {
  AccessExport,
  ExportConversation,
  ExportVolunteerReferral,
  LabelledValue,
} from "../../../shared/api/privacy-access.js";
import type { CourseData } from "./access-export-collect-course.js";
import { type Presenting, at, atOrNull } from "./access-export-words.js";

type CourseSide = Pick<
  AccessExport,
  | "courses"
  | "conversations"
  | "conditionAssessments"
  | "interventions"
  | "grants"
  | "clips"
  | "followUps"
  | "placements"
  | "volunteerReferrals"
  | "smallCommunities"
  | "outcomeMeasurements"
>;

type LocalText = { da: string; en?: string | null };
interface Entry {
  id: string;
  title?: LocalText;
  label?: LocalText;
}

export function presentCourseSide(
  p: Presenting,
  d: CourseData,
  receipts: ReadonlyMap<string, string>,
): CourseSide {
  const { w } = p;
  // A rule this version has no sentence for still shows its name and numbers.
  const sentence = (rule: string) => {
    const t = w.word("violation", rule);
    return t === rule ? w.word("violation", "unknown") : t;
  };
  const rules = (violations: unknown) =>
    (Array.isArray(violations) ? (violations as Record<string, unknown>[]) : []).map((v) =>
      w.fill(sentence(String(v.rule)), {
        ...v,
        kind: typeof v.kind === "string" ? w.word("clipKind", v.kind) : "",
      }),
    );
  return {
    courses: d.courses.map((c) => ({
      id: c.id,
      openedAt: at(c.openedAt),
      closedAt: atOrNull(c.closedAt),
      stage: w.word("stage", c.stage),
      coordinator: p.staff(c.coordinatorUserId),
      pausedAt: atOrNull(c.pausedAt),
      nextFollowUpOn: c.nextFollowUpOn,
      closingReason: w.maybe("closingReason", c.closingReason),
      citizenAccount: c.citizenAccount,
      referralReceipt: c.referralId ? (receipts.get(c.referralId) ?? null) : null,
      matchingProfile: matchingProfile(p, c.matchingProfile),
      events: d.courseEvents
        .filter((e) => e.courseId === c.id)
        .map((e) => ({
          at: at(e.at),
          kind: w.word("courseEvent", e.kind),
          fromStage: w.maybe("stage", e.fromStage),
          toStage: w.maybe("stage", e.toStage),
          reason: eventReason(p, e.reason),
          fromCoordinator: p.staff(e.fromUserId),
          toCoordinator: p.staff(e.toUserId),
          by: p.staff(e.actorUserId),
        })),
    })),
    conversations: d.conversations.map((c) => presentConversation(p, d, c)),
    conditionAssessments: d.assessments.map((a) => ({
      courseId: a.courseId,
      condition: w.word("condition", a.conditionCode),
      severity: w.word("severity", String(a.severity)),
      citizenView: w.maybe("citizenView", a.citizenView),
      assessedBy: p.staff(a.assessedBy),
      at: at(a.assessedAt),
    })),
    interventions: d.interventions.map((i) => ({
      courseId: i.courseId,
      kind: w.word("interventionKind", i.kind),
      provider: p.org(i.providerOrganisationId) ?? "",
      description: i.description,
      startedOn: i.startedOn,
      endedAt: atOrNull(i.endedAt),
      createdBy: p.staff(i.createdBy),
      createdAt: at(i.createdAt),
    })),
    grants: d.grants.map((g) => ({
      courseId: g.courseId,
      kind: w.word("clipKind", g.kind),
      clips: g.clips,
      minutesPerClip: g.minutesPerClip,
      grantedOn: g.grantedOn,
      grantedBy: p.staff(g.grantedBy),
      exception: g.exception,
      exceptionReason: g.exceptionReason,
      rulesBroken: rules(g.violations),
    })),
    clips: d.clips.map((c) => ({
      courseId: c.courseId,
      kind: w.word("clipKind", c.kind),
      accompanimentForm: w.maybe("accompanimentForm", c.accompanimentForm),
      status: w.word("clipStatus", c.status),
      provider: p.org(c.providerOrganisationId) ?? "",
      plannedOn: c.plannedOn,
      plannedStart: c.plannedStart,
      plannedMinutes: c.plannedMinutes,
      worker: p.staff(c.workerUserId),
      plannedBy: p.staff(c.plannedBy),
      performedOn: c.performedOn,
      actualMinutes: c.actualMinutes,
      note: c.note,
      cancelledByCitizen: c.cancelledByCitizen,
      cancelReason: c.cancelReason,
      exception: c.exception,
      exceptionReason: c.exceptionReason,
      rulesBroken: rules(c.violations),
      registeredBy: p.staff(c.registeredBy),
      registeredAt: atOrNull(c.registeredAt),
    })),
    followUps: d.followUps.map((f) => ({
      courseId: f.courseId,
      result: w.word("followUpResult", f.result),
      stillParticipating: f.stillParticipating,
      note: f.note,
      nextFollowUpOn: f.nextFollowUpOn,
      performedBy: p.staff(f.performedBy),
      at: at(f.performedAt),
    })),
    placements: d.placements.map(({ p: row, activity, organisation }) => ({
      courseId: row.courseId,
      activity,
      organisation,
      status: w.word("placementStatus", row.status),
      stopReason: row.stopReason,
      reasons: (Array.isArray(row.reasons) ? (row.reasons as { code?: unknown }[]) : []).map((r) =>
        w.word("matchReason", String(r.code)),
      ),
      createdBy: p.staff(row.createdBy),
      createdAt: at(row.createdAt),
      events: d.placementEvents
        .filter((e) => e.placementId === row.id)
        .map((e) => ({
          at: at(e.at),
          from: w.maybe("placementStatus", e.fromStatus),
          to: w.word("placementStatus", e.toStatus),
          reason: e.reason,
          by: p.staff(e.actorUserId),
        })),
    })),
    volunteerReferrals: d.volunteerReferrals.map((r) => presentVolunteerReferral(p, r)),
    smallCommunities: d.communities.map(({ membership: m, community: c, otherMembers, meetings }) => {
      const from = copenhagenDate(m.joinedAt);
      const until = m.leftAt ? copenhagenDate(m.leftAt) : null;
      return {
        courseId: m.courseId,
        name: c.name,
        status: w.word("communityStatus", c.status),
        meetingPlace: c.meetingPlace,
        host: p.staff(c.hostUserId),
        joinedAt: at(m.joinedAt),
        leftAt: atOrNull(m.leftAt),
        endedAt: atOrNull(c.endedAt),
        otherMembers,
        meetings: meetings
          .filter((x) => x.heldOn >= from && (until === null || x.heldOn <= until))
          .map((x) => ({ heldOn: x.heldOn, place: x.place })),
      };
    }),
    outcomeMeasurements: d.outcomes.map((o) => ({
      courseId: o.courseId,
      phase: w.word("phase", o.phase),
      questionnaire:
        w.local(d.questionnaireTitles.get(o.questionnaireKey) as LocalText | undefined) ?? o.questionnaireKey,
      dueOn: o.dueOn,
      answeredAt: atOrNull(o.answeredAt),
      outOfWindow: o.outOfWindow,
      screeningId: o.screeningId,
    })),
  };
}

/** A stage move made by a follow-up stores its result as the reason ("follow_up:E1"): in words. */
function eventReason(p: Presenting, reason: string | null): string | null {
  const result = reason?.match(/^follow_up:(E\d)$/)?.[1];
  return result ? `${p.w.word("clipKind", "follow_up")}: ${p.w.word("followUpResult", result)}` : reason;
}

/** The stored matching profile (what the coordinator set), each part in words. */
function matchingProfile(p: Presenting, stored: unknown): LabelledValue[] {
  const { w } = p;
  if (!stored || typeof stored !== "object") return [];
  const s = stored as {
    isolation?: string | null;
    preferredTimes?: string[] | null;
    preferredGroupSize?: string | null;
    maxDistanceKm?: number | null;
  };
  const out: LabelledValue[] = [];
  if (s.isolation)
    out.push({ label: w.word("profile", "isolation"), value: w.word("isolation", s.isolation) });
  if (s.preferredTimes?.length)
    out.push({
      label: w.word("profile", "preferredTimes"),
      value: s.preferredTimes.map((t) => w.word("timeOfDay", t)).join(", "),
    });
  if (s.preferredGroupSize)
    out.push({
      label: w.word("profile", "preferredGroupSize"),
      value: w.word("groupSize", s.preferredGroupSize),
    });
  if (typeof s.maxDistanceKm === "number")
    out.push({ label: w.word("profile", "maxDistanceKm"), value: String(s.maxDistanceKm) });
  return out;
}

type ConversationRow = CourseData["conversations"][number];

function presentConversation(p: Presenting, d: CourseData, c: ConversationRow): ExportConversation {
  const { w } = p;
  const doc = (id: string | null) =>
    id ? (d.definitions.get(id) as Record<string, unknown> | undefined) : undefined;
  const guide = doc(c.guideDefinitionId) as { title?: LocalText; themes?: Entry[] } | undefined;
  const barriers = (doc(c.barrierDefinitionId) as { barriers?: Entry[] } | undefined)?.barriers ?? [];
  const interests = (doc(c.interestDefinitionId) as { interests?: Entry[] } | undefined)?.interests ?? [];
  const labelOf = (entries: Entry[], id: string) => w.local(entries.find((e) => e.id === id)?.label) ?? id;
  const goals = Array.isArray(c.goals)
    ? (c.goals as { goal: string; agreements?: { who: string; what: string; due?: string | null }[] }[])
    : [];
  return {
    courseId: c.courseId,
    kind: w.word("conversationKind", c.kind),
    status: w.word("conversationStatus", c.status),
    scheduledAt: atOrNull(c.scheduledAt),
    heldAt: atOrNull(c.heldAt),
    guide: w.local(guide?.title),
    notes: Object.entries((c.themeNotes ?? {}) as Record<string, string>)
      .filter(([, note]) => typeof note === "string" && note.trim() !== "")
      .map(([theme, note]) => ({
        theme: w.local(guide?.themes?.find((t) => t.id === theme)?.title) ?? theme,
        note,
      })),
    lonelinessType: w.maybe("lonelinessType", c.lonelinessType),
    interests: c.interests.map((id) => labelOf(interests, id)),
    barriers: c.barriers.map((id) => labelOf(barriers, id)),
    wishes: c.wishes,
    goals: goals.map((g) => ({
      goal: g.goal,
      agreements: (g.agreements ?? []).map((a) => ({ who: a.who, what: a.what, due: a.due ?? null })),
    })),
    recordedBy: p.staff(c.recordedBy),
    recordedAt: atOrNull(c.recordedAt),
  };
}

type VolunteerRow = CourseData["volunteerReferrals"][number];

/** Exactly what the volunteer centre was given, field by field in words (empty after a withdrawal). */
function presentVolunteerReferral(p: Presenting, { v, activity }: VolunteerRow): ExportVolunteerReferral {
  const { w } = p;
  const shared = (v.shared ?? {}) as Record<string, unknown>;
  const value = (field: string, x: unknown): string => {
    if (x === null || x === undefined || x === "") return "–";
    if (field === "address" && typeof x === "object") {
      const a = x as { line?: string; postalCode?: string; city?: string };
      return `${a.line ?? ""}, ${a.postalCode ?? ""} ${a.city ?? ""}`.trim();
    }
    if (Array.isArray(x)) {
      const group = field === "availability" ? "timeOfDay" : field === "mobility" ? "mobility" : null;
      return x.length === 0 ? "–" : x.map((v) => (group ? w.word(group, String(v)) : String(v))).join(", ");
    }
    return String(x);
  };
  return {
    courseId: v.courseId,
    to: p.org(v.toOrganisationId) ?? "",
    createdAt: at(v.createdAt),
    createdBy: p.staff(v.createdBy),
    consentFields: v.consentFields.map((f) => w.word("consentField", f)),
    shared: Object.entries(shared).map(([field, x]) => ({
      label: field === "message" ? w.word("shared", "message") : w.word("consentField", field),
      value: value(field, x),
    })),
    status: w.word("volunteerStatus", v.status),
    matchKind: w.maybe("matchKind", v.matchKind),
    matchedActivity: activity,
    answer: v.answer,
    answeredBy: p.staff(v.answeredBy),
    answeredAt: atOrNull(v.answeredAt),
    matchedAt: atOrNull(v.matchedAt),
    matchEndedAt: atOrNull(v.matchEndedAt),
    consentWithdrawnAt: atOrNull(v.consentWithdrawnAt),
    consentWithdrawnBy: p.staff(v.consentWithdrawnBy),
  };
}
