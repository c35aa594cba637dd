/**
 * Everything the FHIR builders need about one citizen (issue 14 point 2): the punch-card work as
 * Broen recorded it, read in one batch by modules/care-record/delivery-collect.ts and turned into
 * KL Gateway resources by resources.ts. Pure data, no I/O: a test builds it by hand.
 *
 * Every part carries the instant it last changed (`lastUpdated`, whole milliseconds, UTC), which
 * becomes the resource's meta.lastUpdated and drives `_lastUpdated` searches and the push scan.
 * Days are "YYYY-MM-DD" (Copenhagen calendar days, as stored); instants are Dates.
 */
import type {
  InterventionKind,
  ConversationKind,
  ConversationStatus,
  FollowUpResult,
  Severity,
  CitizenView,
  AccompanimentForm,
  CourseStage,
} from "../../course/vocabulary.js";
import type { ClipKind } from "../../punchcard/policy.js";

/** The FSIII condition Følelsesfunktioner assessed once: one version of the citizen's CareCondition. */
export interface AssessmentData {
  readonly id: string;
  readonly courseId: string | null;
  readonly severity: Severity;
  readonly citizenView: CitizenView | null;
  readonly assessedAt: Date;
}

/** A course (forløb): its period, and the follow-up planned next (a planned CareEncounter). */
export interface CourseData {
  readonly id: string;
  readonly stage: CourseStage;
  readonly openedAt: Date;
  readonly closedAt: Date | null;
  /** The day the next follow-up is planned (open courses only). */
  readonly nextFollowUpOn: string | null;
  readonly lastUpdated: Date;
}

/** The course's punch card (its clip grants): the community punch card as a CarePlannedIntervention. */
export interface PunchCardData {
  readonly courseId: string;
  /** The day of the first grant: the card's period start. */
  readonly grantedFrom: string;
  /** The course's closing instant ends the card; null while the course is open. */
  readonly endedAt: Date | null;
  /** Clips granted per kind (sum over the course's grants). */
  readonly grantedClips: Readonly<Partial<Record<ClipKind, number>>>;
  readonly lastUpdated: Date;
}

/** One of INDSATS 1–6 (seed 000) on a course: a CarePlannedIntervention. */
export interface InterventionData {
  readonly id: string;
  readonly courseId: string;
  readonly kind: InterventionKind;
  readonly startedOn: string;
  readonly endedAt: Date | null;
  readonly lastUpdated: Date;
}

/** A performed clip (status done): a CareCompletedIntervention. Cancelled and planned clips are not delivered. */
export interface ClipData {
  readonly id: string;
  readonly courseId: string;
  readonly interventionId: string | null;
  readonly kind: ClipKind;
  readonly accompanimentForm: AccompanimentForm | null;
  readonly performedOn: string;
  readonly actualMinutes: number | null;
  readonly lastUpdated: Date;
}

/**
 * A conversation (visitation = clarification, guidance, follow-up). Held ones are delivered as a
 * CareCompletedIntervention; clarification and follow-up meetings also as a CareEncounter
 * (finished when held, planned while booked). Cancelled ones are not delivered.
 */
export interface ConversationData {
  readonly id: string;
  readonly courseId: string;
  readonly kind: ConversationKind;
  readonly status: ConversationStatus;
  readonly scheduledAt: Date | null;
  readonly heldAt: Date | null;
  readonly lastUpdated: Date;
}

/** A recorded follow-up result E1–E4: a CareFollowUpObservation. */
export interface FollowUpData {
  readonly id: string;
  readonly courseId: string;
  readonly result: FollowUpResult;
  readonly performedAt: Date;
}

/** A T-ILS questionnaire answered (detection or outcome): QuestionnaireResponse + score Observation. */
export interface TilsData {
  readonly id: string;
  /** The definition's version the answers were given with. */
  readonly definitionVersion: number;
  /** itemId → optionId, as stored. */
  readonly answers: Readonly<Record<string, string>>;
  /** The T-ILS sum (3–9); null if the stored scores have none. */
  readonly score: number | null;
  /** "lonely" / "not lonely" as the definition's outcome key; null without one. */
  readonly outcomeKey: string | null;
  readonly performedAt: Date;
}

export interface CitizenCareData {
  readonly citizenId: string;
  readonly municipalityId: string;
  /** Normalised DDMMYY-SSSS, as stored. Never logged; the builders write the ten digits to the CPR identifier. */
  readonly cpr: string;
  /** The provider (home-care organisation) the care record knows the citizen by. */
  readonly providerOrganisationId: string | null;
  /** The provider's SOR code; null when the provider has none (the report is then refused). */
  readonly providerSorCode: string | null;
  readonly homeCareSince: string | null;
  readonly homeCareEndedOn: string | null;
  /** When the citizen's register row last changed. */
  readonly citizenUpdatedAt: Date;
  /** Oldest first: the severity history of Følelsesfunktioner. */
  readonly assessments: readonly AssessmentData[];
  /** Oldest first. */
  readonly courses: readonly CourseData[];
  readonly punchCards: readonly PunchCardData[];
  readonly interventions: readonly InterventionData[];
  readonly clips: readonly ClipData[];
  readonly conversations: readonly ConversationData[];
  readonly followUps: readonly FollowUpData[];
  readonly tils: readonly TilsData[];
  /** The latest of every lastUpdated above: the citizen's place in a _lastUpdated order. */
  readonly lastUpdated: Date;
}

/** The latest instant of a citizen's data (what `lastUpdated` holds), for a test or a builder of the record. */
export function latestUpdate(d: Omit<CitizenCareData, "lastUpdated">): Date {
  let ms = d.citizenUpdatedAt.getTime();
  const see = (t: Date | null | undefined): void => {
    if (t && t.getTime() > ms) ms = t.getTime();
  };
  for (const a of d.assessments) see(a.assessedAt);
  for (const c of d.courses) see(c.lastUpdated);
  for (const p of d.punchCards) see(p.lastUpdated);
  for (const i of d.interventions) see(i.lastUpdated);
  for (const c of d.clips) see(c.lastUpdated);
  for (const c of d.conversations) see(c.lastUpdated);
  for (const f of d.followUps) see(f.performedAt);
  for (const t of d.tils) see(t.performedAt);
  return new Date(ms);
}
