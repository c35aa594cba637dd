/**
 * Builds a citizen's punch-card work as FHIR R4 resources in KL Gateway's profiles (issue 14
 * point 2, decision 0097). Pure: the same CitizenCareData always gives the same resources, with
 * ids derived from Broen's own ids (stable across deliveries, so a PUT by id is idempotent),
 * meta.lastUpdated from when Broen's row last changed, meta.profile naming KL's canonical profile,
 * and references `Patient/<id>`, `Condition/<id>`, … that resolve inside the delivery report.
 *
 * Mapping (docs/CARE-RECORD.md "The punch-card work in KL's profiles"):
 *   citizen                         → Patient  CareCitizen (CPR + the provider's SOR code only)
 *   Følelsesfunktioner assessments  → Condition CareCondition, one version per assessment
 *   the citizen's own view D1/D2    → Observation CareCitizensOwnObservation (focus the condition)
 *   punch card, INDSATS 1–6         → CarePlan CarePlannedIntervention (period, status, reason)
 *   done clips, held conversations  → Procedure CareCompletedIntervention
 *   visitation / follow-up meetings → Encounter CareEncounter (+ the next follow-up, planned)
 *   follow-up results E1–E4         → Observation CareFollowUpObservation
 *   T-ILS answers and score         → QuestionnaireResponse + Observation (Broen's local codes;
 *                                     served by the FHIR API, not part of the delivery report:
 *                                     KL's report admits no other resource types)
 */
import type {
  Bundle,
  BundleEntry,
  CarePlan,
  CodeableConcept,
  Coding,
  Condition,
  Encounter,
  Extension,
  Observation,
  Patient,
  Procedure,
  QuestionnaireResponse,
  Reference,
  Resource,
} from "@medplum/fhirtypes";
import { copenhagenDate } from "../../time.js";
import {
  CITIZEN_VIEW_CODES,
  FOLELSESFUNKTIONER,
  FOLLOW_UP_RESULT_CODES,
  GENERAL_ZERO_SERVICE,
  SEVERITY_CODES,
} from "../../fsiii/fsiii.js";
import type { CitizenCareData, CourseData, TilsData } from "./care-data.js";
import {
  BROEN_OBSERVATION_CODES_SYSTEM,
  CLIP_LOCAL_CODES,
  CONDITION_CATEGORY_SYSTEM,
  CONDITION_CLINICAL_SYSTEM,
  CONDITION_VERIFICATION_SYSTEM,
  CONVERSATION_LOCAL_CODES,
  CPR_SYSTEM,
  FSIII_FHIR_SYSTEM,
  INTERVENTION_LOCAL_CODES,
  KL_COMMON_CODES_SYSTEM,
  KL_FOLLOW_UP_ENCOUNTER_TYPE,
  KL_PROFILES,
  LOCAL_INTERVENTIONS_SYSTEM,
  type LocalCode,
  OBSERVATION_CATEGORY_SYSTEM,
  PUNCH_CARD_LOCAL_CODE,
  SNOMED_FOLLOW_UP,
  SNOMED_SYSTEM,
  SOR_SYSTEM,
  TILS_QUESTIONNAIRE_URL,
  TILS_SCORE_CODE,
  V3_ACT_CODE_SYSTEM,
} from "./codes.js";

/** The resource types Broen produces for a citizen (the FHIR API searches exactly these). */
export const CARE_RESOURCE_TYPES = [
  "Patient",
  "Condition",
  "CarePlan",
  "Procedure",
  "Encounter",
  "Observation",
  "QuestionnaireResponse",
] as const;
export type CareResourceType = (typeof CARE_RESOURCE_TYPES)[number];

// ---- ids ----------------------------------------------------------------------------------------
// Broen's ids are UUIDs (36 characters); a suffix keeps an id apart where one Broen row gives two
// resources. Every id stays within FHIR's [A-Za-z0-9.-]{1,64}.

export const careIds = {
  patient: (citizenId: string): string => citizenId,
  /** One CareCondition per citizen: Følelsesfunktioner (its versions are the assessments). */
  condition: (citizenId: string): string => `${citizenId}-j4.5`,
  punchCard: (courseId: string): string => `${courseId}-klippekort`,
  intervention: (interventionId: string): string => interventionId,
  clip: (clipId: string): string => clipId,
  conversationProcedure: (conversationId: string): string => conversationId,
  conversationEncounter: (conversationId: string): string => conversationId,
  nextFollowUp: (courseId: string): string => `${courseId}-next-follow-up`,
  followUp: (followUpId: string): string => followUpId,
  citizenView: (assessmentId: string): string => `${assessmentId}-d`,
  tilsResponse: (screeningId: string): string => screeningId,
  tilsScore: (screeningId: string): string => `${screeningId}-score`,
  /** The delivery report of one citizen (the push PUTs it as Bundle/<id>). */
  deliveryReport: (citizenId: string): string => citizenId,
} as const;

/** A reference "Type/id"; typed to fit any reference element (the target type is in the string). */
type Ref = Reference<never>;
const ref = (type: CareResourceType | "Bundle", id: string): Ref => ({ reference: `${type}/${id}` });

// ---- helpers ------------------------------------------------------------------------------------

function meta(profile: string | null, lastUpdated: Date, versionId?: string): Resource["meta"] {
  return {
    ...(versionId ? { versionId } : {}),
    lastUpdated: lastUpdated.toISOString(),
    ...(profile ? { profile: [profile] } : {}),
  };
}

function latest(...dates: (Date | null | undefined)[]): Date {
  let ms = 0;
  for (const d of dates) if (d && d.getTime() > ms) ms = d.getTime();
  return new Date(ms);
}

/** Ten digits, as dk-core's CPR identifier holds them (Broen stores DDMMYY-SSSS). */
export function cprDigits(cpr: string): string {
  return cpr.replace(/-/g, "");
}

function fsiii(code: string, display?: string): Coding {
  return { system: FSIII_FHIR_SYSTEM, code, ...(display ? { display } : {}) };
}

/** Level 2 (FSIII H7.1) + level 3 (locally defined), as CarePlannedIntervention and CareCompletedIntervention slice them. */
function interventionCode(local: LocalCode): CodeableConcept {
  return {
    coding: [
      fsiii(GENERAL_ZERO_SERVICE.code, GENERAL_ZERO_SERVICE.display),
      { system: LOCAL_INTERVENTIONS_SYSTEM, code: local.code, display: local.display },
    ],
  };
}

// ---- builders -----------------------------------------------------------------------------------

interface Built {
  /** The current version of every resource. */
  current: Resource[];
  /** Earlier versions (the condition's severity history), oldest first. */
  history: Resource[];
}

function build(d: CitizenCareData): Built {
  const current: Resource[] = [];
  const history: Resource[] = [];
  const patientRef = ref("Patient", careIds.patient(d.citizenId));
  const coursesById = new Map<string, CourseData>(d.courses.map((c) => [c.id, c]));

  // Patient (CareCitizen): no name, address, telecom, birth date — only CPR and the provider's SOR.
  const patient: Patient = {
    resourceType: "Patient",
    id: careIds.patient(d.citizenId),
    meta: meta(KL_PROFILES.citizen, d.citizenUpdatedAt),
    identifier: [{ use: "official", system: CPR_SYSTEM, value: cprDigits(d.cpr) }],
    managingOrganization: {
      identifier: {
        use: "official",
        system: SOR_SYSTEM,
        ...(d.providerSorCode ? { value: d.providerSorCode } : {}),
      },
    },
  };
  current.push(patient);

  // The next follow-up of each open course, a planned CareEncounter named by the condition and the plans.
  const nextFollowUpRef = new Map<string, Ref>();
  for (const c of d.courses) {
    if (c.closedAt) continue;
    // A follow-up meeting already booked is the planned follow-up: no second encounter for the same meeting.
    const booked = d.conversations.find(
      (v) => v.courseId === c.id && v.kind === "follow_up" && v.status === "booked" && v.scheduledAt,
    );
    if (booked) {
      nextFollowUpRef.set(c.id, ref("Encounter", careIds.conversationEncounter(booked.id)));
      continue;
    }
    if (!c.nextFollowUpOn) continue;
    const encounter: Encounter = {
      resourceType: "Encounter",
      id: careIds.nextFollowUp(c.id),
      meta: meta(KL_PROFILES.encounter, c.lastUpdated),
      status: "planned",
      class: { system: V3_ACT_CODE_SYSTEM, code: "HH" },
      type: [{ coding: [{ system: KL_COMMON_CODES_SYSTEM, code: KL_FOLLOW_UP_ENCOUNTER_TYPE }] }],
      subject: patientRef,
      period: { start: c.nextFollowUpOn },
    };
    current.push(encounter);
    nextFollowUpRef.set(c.id, ref("Encounter", encounter.id as string));
  }
  const openCourse = [...d.courses].reverse().find((c) => !c.closedAt);
  const followUpExtension = (courseId: string | undefined): Extension[] | undefined => {
    const r = courseId ? nextFollowUpRef.get(courseId) : undefined;
    return r ? [{ url: KL_PROFILES.followUpEncounterExtension, valueReference: r }] : undefined;
  };

  // Condition (CareCondition) Følelsesfunktioner: one version per assessment, the last is current.
  let conditionRef: Ref | undefined;
  if (d.assessments.length > 0) {
    const conditionId = careIds.condition(d.citizenId);
    conditionRef = ref("Condition", conditionId);
    const first = d.assessments[0];
    const allClosed = d.courses.length > 0 && d.courses.every((c) => c.closedAt !== null);
    const lastClosedAt = allClosed ? latest(...d.courses.map((c) => c.closedAt)) : null;
    d.assessments.forEach((a, i) => {
      const isCurrent = i === d.assessments.length - 1;
      const active = !(isCurrent && allClosed);
      const condition: Condition = {
        resourceType: "Condition",
        id: conditionId,
        meta: meta(
          KL_PROFILES.condition,
          isCurrent ? latest(a.assessedAt, lastClosedAt) : a.assessedAt,
          String(i + 1),
        ),
        ...(isCurrent && active ? { extension: followUpExtension(openCourse?.id) } : {}),
        clinicalStatus: {
          coding: [{ system: CONDITION_CLINICAL_SYSTEM, code: active ? "active" : "inactive" }],
        },
        verificationStatus: { coding: [{ system: CONDITION_VERIFICATION_SYSTEM, code: "confirmed" }] },
        ...(active
          ? { category: [{ coding: [{ system: CONDITION_CATEGORY_SYSTEM, code: "problem-list-item" }] }] }
          : {}),
        severity: { coding: [fsiii(SEVERITY_CODES[a.severity].code, SEVERITY_CODES[a.severity].display)] },
        code: { coding: [fsiii(FOLELSESFUNKTIONER.code, FOLELSESFUNKTIONER.display)] },
        subject: patientRef,
        recordedDate: first?.assessedAt.toISOString(),
      };
      if (!condition.extension) delete condition.extension;
      (isCurrent ? current : history).push(condition);
    });
    // The citizen's own view (Betydning D1/D2) of the latest assessment that has one.
    const withView = [...d.assessments].reverse().find((a) => a.citizenView);
    if (withView?.citizenView) {
      const view = CITIZEN_VIEW_CODES[withView.citizenView];
      const observation: Observation = {
        resourceType: "Observation",
        id: careIds.citizenView(withView.id),
        meta: meta(KL_PROFILES.citizensOwnObservation, withView.assessedAt),
        status: "final",
        code: { coding: [{ system: FSIII_FHIR_SYSTEM, code: "D" }] },
        subject: patientRef,
        focus: [conditionRef],
        effectiveDateTime: withView.assessedAt.toISOString(),
        valueCodeableConcept: { coding: [{ system: FSIII_FHIR_SYSTEM, code: view.code }] },
      };
      current.push(observation);
    }
  }
  const reason = conditionRef ? [conditionRef] : undefined;

  // CarePlan (CarePlannedIntervention): the punch card, and INDSATS 1–6.
  const plansOfCourse = new Map<string, Ref[]>();
  const addPlan = (courseId: string, id: string): void => {
    const list = plansOfCourse.get(courseId) ?? [];
    list.push(ref("CarePlan", id));
    plansOfCourse.set(courseId, list);
  };
  const carePlan = (
    id: string,
    courseId: string,
    start: string,
    endedAt: Date | null,
    local: LocalCode,
    lastUpdated: Date,
  ): CarePlan => {
    const ended = endedAt !== null;
    const plan: CarePlan = {
      resourceType: "CarePlan",
      id,
      meta: meta(KL_PROFILES.plannedIntervention, lastUpdated),
      status: ended ? "completed" : "active",
      intent: "plan",
      subject: patientRef,
      period: { start, ...(endedAt ? { end: copenhagenDate(endedAt) } : {}) },
      activity: [
        {
          detail: {
            code: interventionCode(local),
            ...(reason ? { reasonReference: reason } : {}),
            status: ended ? "completed" : "in-progress",
          },
        },
      ],
    };
    const ext = ended ? undefined : followUpExtension(courseId);
    if (ext) plan.extension = ext;
    addPlan(courseId, id);
    return plan;
  };
  for (const p of d.punchCards) {
    current.push(
      carePlan(
        careIds.punchCard(p.courseId),
        p.courseId,
        p.grantedFrom,
        p.endedAt,
        PUNCH_CARD_LOCAL_CODE,
        p.lastUpdated,
      ),
    );
  }
  for (const i of d.interventions) {
    const courseClosed = coursesById.get(i.courseId)?.closedAt ?? null;
    current.push(
      carePlan(
        careIds.intervention(i.id),
        i.courseId,
        i.startedOn,
        i.endedAt ?? courseClosed,
        INTERVENTION_LOCAL_CODES[i.kind],
        latest(i.lastUpdated, courseClosed),
      ),
    );
  }

  // Procedure (CareCompletedIntervention): performed clips and held conversations.
  const procedure = (id: string, local: LocalCode, performed: string, lastUpdated: Date): Procedure => ({
    resourceType: "Procedure",
    id,
    meta: meta(KL_PROFILES.completedIntervention, lastUpdated),
    status: "completed",
    code: interventionCode(local),
    subject: patientRef,
    performedDateTime: performed,
    ...(reason ? { reasonReference: reason } : {}),
  });
  for (const c of d.clips)
    current.push(procedure(careIds.clip(c.id), CLIP_LOCAL_CODES[c.kind], c.performedOn, c.lastUpdated));
  for (const c of d.conversations) {
    if (c.status !== "held" || !c.heldAt) continue;
    current.push(
      procedure(
        careIds.conversationProcedure(c.id),
        CONVERSATION_LOCAL_CODES[c.kind],
        c.heldAt.toISOString(),
        c.lastUpdated,
      ),
    );
  }

  // Encounter (CareEncounter): visitation (clarification) and follow-up meetings, held or booked.
  for (const c of d.conversations) {
    if (c.kind === "guidance" || c.status === "cancelled") continue;
    const at = c.status === "held" ? c.heldAt : c.scheduledAt;
    if (!at) continue;
    const encounter: Encounter = {
      resourceType: "Encounter",
      id: careIds.conversationEncounter(c.id),
      meta: meta(KL_PROFILES.encounter, c.lastUpdated),
      status: c.status === "held" ? "finished" : "planned",
      class: { system: V3_ACT_CODE_SYSTEM, code: "HH" },
      type: [{ coding: [{ system: KL_COMMON_CODES_SYSTEM, code: KL_FOLLOW_UP_ENCOUNTER_TYPE }] }],
      subject: patientRef,
      period: { start: at.toISOString() },
    };
    current.push(encounter);
  }

  // Observation (CareFollowUpObservation): E1–E4, focused on the condition and the course's plans.
  for (const f of d.followUps) {
    const focus = [...(conditionRef ? [conditionRef] : []), ...(plansOfCourse.get(f.courseId) ?? [])];
    if (focus.length === 0) continue; // the profile needs a focus; a follow-up with nothing to focus on is not delivered
    const result = FOLLOW_UP_RESULT_CODES[f.result];
    const observation: Observation = {
      resourceType: "Observation",
      id: careIds.followUp(f.id),
      meta: meta(KL_PROFILES.followUpObservation, f.performedAt),
      status: "final",
      code: { coding: [{ system: SNOMED_SYSTEM, code: SNOMED_FOLLOW_UP }] },
      subject: patientRef,
      focus,
      effectiveDateTime: f.performedAt.toISOString(),
      valueCodeableConcept: { coding: [fsiii(result.code, result.display)] },
    };
    current.push(observation);
  }

  // T-ILS: QuestionnaireResponse + the score as an Observation (Broen's local codes; R4 base only).
  for (const t of d.tils) current.push(...tilsResources(t, patientRef));

  return { current, history };
}

function tilsResources(t: TilsData, subject: Ref): Resource[] {
  const response: QuestionnaireResponse = {
    resourceType: "QuestionnaireResponse",
    id: careIds.tilsResponse(t.id),
    meta: meta(null, t.performedAt),
    questionnaire: `${TILS_QUESTIONNAIRE_URL}|${t.definitionVersion}`,
    status: "completed",
    subject,
    authored: t.performedAt.toISOString(),
    item: Object.entries(t.answers)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([linkId, option]) => ({
        linkId,
        answer: [{ valueCoding: { system: `${TILS_QUESTIONNAIRE_URL}/options`, code: option } }],
      })),
  };
  const out: Resource[] = [response];
  if (t.score !== null) {
    const score: Observation = {
      resourceType: "Observation",
      id: careIds.tilsScore(t.id),
      meta: meta(null, t.performedAt),
      status: "final",
      category: [{ coding: [{ system: OBSERVATION_CATEGORY_SYSTEM, code: "survey" }] }],
      code: {
        coding: [
          {
            system: BROEN_OBSERVATION_CODES_SYSTEM,
            code: TILS_SCORE_CODE.code,
            display: TILS_SCORE_CODE.display,
          },
        ],
      },
      subject,
      effectiveDateTime: t.performedAt.toISOString(),
      valueInteger: t.score,
      derivedFrom: [ref("QuestionnaireResponse", response.id as string)],
    };
    out.push(score);
  }
  return out;
}

/**
 * Every resource of the citizen, current versions only (the FHIR read API filters them by type
 * and lastUpdated). Order: Patient first, then as built.
 */
export function careResources(d: CitizenCareData): Resource[] {
  return build(d).current;
}

/** Types the CareDeliveryReport admits (KL: citizen, condition, goal, planned/completed intervention, encounter, KL observations). */
function inDeliveryReport(r: Resource): boolean {
  if (r.resourceType === "QuestionnaireResponse") return false;
  // Only KL's observation profiles may be in the report (invariant gateway-care-report-1).
  if (r.resourceType === "Observation") return (r.meta?.profile ?? []).length > 0;
  return true;
}

/**
 * The citizen's CareDeliveryReport: a collection Bundle of every resource KL's report admits, the
 * condition with its earlier versions (same fullUrl, distinct meta.versionId, as KL's examples
 * deliver a condition's history), each entry with fullUrl `<Type>/<id>`.
 */
export function careDeliveryReport(d: CitizenCareData, timestamp: Date): Bundle {
  const { current, history } = build(d);
  const resources = [...history, ...current].filter(inDeliveryReport);
  // Patient first, then the condition's versions (oldest first), then the rest as built.
  resources.sort((a, b) => rank(a) - rank(b));
  const entry: BundleEntry[] = resources.map((resource) => ({
    fullUrl: `${resource.resourceType}/${resource.id as string}`,
    resource,
  }));
  return {
    resourceType: "Bundle",
    id: careIds.deliveryReport(d.citizenId),
    meta: meta(KL_PROFILES.deliveryReport, d.lastUpdated),
    type: "collection",
    timestamp: timestamp.toISOString(),
    entry,
  };
}

function rank(r: Resource): number {
  return r.resourceType === "Patient" ? 0 : r.resourceType === "Condition" ? 1 : 2;
}
