/**
 * The one policy module: can(actor, action, resource).
 *
 * Pure and shared: the server calls it before every read and write of
 * citizen data (through platform/authz), the web app calls it only to hide
 * what the server would refuse anyway.
 *
 * Why these rules:
 * - A private provider's staff see only their own citizens (DOMAIN.md).
 * - Volunteer-centre staff see no citizen health data at all; they will
 *   see only what a citizen consented to share (catalog issue).
 * - The evaluator works on pseudonymised exports only, never on people.
 * - CPR in full only for roles that contact authorities or other systems.
 * - A loneliness ambassador (a home-care worker chosen for it) follows up on the
 *   screenings of one district and sees that every citizen there is screened
 *   (seed 001, Amager), so they read that district's due lists — no other.
 */
import type { OrganisationKind, Role } from "./vocabulary/organisation.js";

export interface Actor {
  userId: string;
  municipalityId: string;
  organisationId: string;
  organisationKind: OrganisationKind;
  districtId: string | null;
  role: Role;
  /** The district a home-care worker is loneliness ambassador for (users.ambassador_district_id); absent = none. */
  ambassadorDistrictId?: string | null;
}

/** A referral as its sender sees it: who sent it, from which organisation. */
export interface ReferralResource {
  municipalityId: string;
  fromOrganisationId: string | null;
  createdBy: string | null;
}

export interface CitizenResource {
  municipalityId: string;
  providerOrganisationId: string | null;
}

/** A clip is registered on a citizen's course; a private provider only on interventions assigned to it. */
export interface ClipResource {
  citizen: CitizenResource;
  /** The organisation the clip's intervention (or planned clip) is assigned to; null = none named. */
  providerOrganisationId: string | null;
  /** Recording a planned clip's minutes beyond the grant or frame as an exception (issue 11 point 7). */
  asException?: boolean;
}

export type Action =
  | { kind: "citizen.list" }
  | { kind: "citizen.read"; citizen: CitizenResource }
  | { kind: "citizen.create" }
  | { kind: "citizen.update"; citizen: CitizenResource }
  | { kind: "citizen.revealCpr"; citizen: CitizenResource }
  | { kind: "citizen.auditTrail"; citizen: CitizenResource }
  /** The citizen's "Databeskyttelse" tab: the data-subject rights (issue 13) and the rectification history. */
  | { kind: "citizen.privacy"; citizen: CitizenResource }
  /** Mark a citizen's processing restricted (GDPR art. 18) or lift it. */
  | { kind: "citizen.restrict"; citizen: CitizenResource }
  /** The list of citizens whose processing is restricted (the register hides them), to find and lift them. */
  | { kind: "citizen.restrictedList" }
  /** Produce the right-of-access export (GDPR art. 15): everything Broen holds about the citizen, CPR in full. */
  | { kind: "citizen.accessExport"; citizen: CitizenResource }
  /** Anonymise the citizen (issue 13): identity and free text removed, the facts the reports count kept. */
  | { kind: "citizen.anonymise"; citizen: CitizenResource }
  /** Erase the citizen entirely (issue 13); also the preview of what either would remove. */
  | { kind: "citizen.erase"; citizen: CitizenResource }
  | { kind: "admin.manage" }
  | { kind: "securityLog.read" }
  /** Retention rules (issue 13): their periods, previews, runs and deletion records. */
  | { kind: "retention.read" }
  /** Change a retention rule, start a run or confirm one that touches many citizens. */
  | { kind: "retention.manage" }
  /** The scheduled jobs' status (issue 13): queues, counts by state, recent runs — never job data. */
  | { kind: "job.status" }
  /** The records of processing (GDPR art. 30) and the DPO overview: configuration, no citizen data. */
  | { kind: "privacy.records" }
  | { kind: "organisation.list" }
  // Municipal login and provisioning (issue 15)
  /** Configure the municipality's OpenID Connect identity provider, its claim mapping and local login. */
  | { kind: "identityProvider.manage" }
  /** Issue and revoke the bearer tokens of the SCIM provisioning endpoint. */
  | { kind: "scimToken.manage" }
  // Exchange with the care record (issue 14)
  /** Import the home-care population (CSV, FHIR files): upload, preview, apply, discard, list runs. */
  | { kind: "careRecord.import" }
  /** Configure the FHIR source pulled on a schedule and the push target; see pulls and deliveries. */
  | { kind: "careRecord.exchange" }
  /** Issue, list and revoke the system clients of the FHIR read API. */
  | { kind: "fhirClient.manage" }
  /** A system client's read through /fhir/R4 (its scopes are checked by the FHIR module). */
  | { kind: "fhir.read" }
  /** One citizen's punch-card work as a KL Gateway CareDeliveryReport bundle. */
  | { kind: "citizen.careDeliveryReport"; citizen: CitizenResource }
  // Reaching people off the screen (issue 16)
  /** The channels (SMTP, SMS gateway), quiet hours and the message templates. */
  | { kind: "messaging.configure" }
  /** The outbox: every message, to whom, its status, retries and failures. */
  | { kind: "messaging.outbox" }
  /** Read or record the citizen's consent to be reached, their channel, and a relative's copy. */
  | { kind: "citizen.messagingConsent"; citizen: CitizenResource }
  /** Send the citizen a short message from a template, and see what was sent to them. */
  | { kind: "citizen.message"; citizen: CitizenResource }
  /** Print the citizen's letter: the plan and their punch card on paper. */
  | { kind: "citizen.letter"; citizen: CitizenResource }
  /** Choose what one's own daily digest holds. */
  | { kind: "notifications.own" }
  // Detection and referral (Opspor)
  | { kind: "screening.create"; citizen: CitizenResource }
  | { kind: "journal.write"; citizen: CitizenResource }
  | { kind: "referral.createForCitizen"; citizen: CitizenResource }
  | { kind: "referral.registerExternal" }
  | { kind: "referral.inbox" }
  | { kind: "referral.decide" }
  | { kind: "referral.sentList" }
  | { kind: "referral.reply"; referral: ReferralResource }
  | { kind: "triage.run" }
  /** districtId: the district whose list is asked for; left out only to ask "may I see any due list?" (navigation). */
  | { kind: "due.list"; districtId?: string | null }
  | { kind: "detectionClip.grant"; citizen: CitizenResource }
  | { kind: "detectionClip.complete"; workerUserId: string }
  | { kind: "detectionClip.list" }
  | { kind: "questionnaire.read" }
  | { kind: "questionnaire.manage" }
  | { kind: "settings.manage" }
  /** The detection settings (re-screening interval, waiting days): those who work the due lists and the administrator. */
  | { kind: "detectionSettings.read" }
  // The course (forløb) and the punch card
  | { kind: "course.read"; citizen: CitizenResource }
  | { kind: "course.open"; citizen: CitizenResource }
  | { kind: "course.manage"; citizen: CitizenResource }
  | { kind: "course.caseload" }
  | { kind: "course.caseloadAll" }
  | { kind: "course.reassign"; citizen: CitizenResource }
  | { kind: "clip.grant"; citizen: CitizenResource }
  | { kind: "clip.plan"; citizen: CitizenResource }
  | { kind: "clip.register"; clip: ClipResource }
  | { kind: "clip.day"; workerUserId: string }
  | { kind: "courseDefinition.read" }
  | { kind: "courseDefinition.manage" }
  | { kind: "budget.read" }
  | { kind: "budget.manage" }
  | { kind: "calendarFeed.manage" }
  // Afprøv: the activity catalog, matching, placements, the volunteer centre, small communities
  | { kind: "catalog.read" }
  | { kind: "catalog.create" }
  | { kind: "catalog.edit"; managedByOrganisationId: string | null }
  | { kind: "catalog.import" }
  | { kind: "catalog.export" }
  | { kind: "catalog.history" }
  | { kind: "matching.run"; citizen: CitizenResource }
  | { kind: "placement.read"; citizen: CitizenResource }
  | { kind: "placement.manage"; citizen: CitizenResource }
  | { kind: "volunteerReferral.create"; citizen: CitizenResource }
  | { kind: "volunteerReferral.inbox" }
  | { kind: "volunteerReferral.answer"; toOrganisationId: string }
  /** Record that the citizen withdrew consent to sharing with the volunteer centre (GDPR art. 7(3)). */
  | { kind: "volunteerReferral.withdrawConsent"; citizen: CitizenResource }
  | { kind: "volunteerReferral.stats" }
  | { kind: "smallCommunity.read" }
  | { kind: "smallCommunity.manage" }
  | { kind: "smallCommunity.recordMeeting"; hostUserId: string | null }
  // Evaluation and reporting
  | { kind: "report.view" }
  | { kind: "report.citizens" }
  | { kind: "report.evaluatorExport" };

export type Decision = { allowed: true } | { allowed: false; reason: "role" | "provider" | "tenant" };

const ALLOW: Decision = { allowed: true };
const deny = (reason: "role" | "provider" | "tenant"): Decision => ({ allowed: false, reason });

/** Roles that work with identified citizens at all. */
const CITIZEN_READERS: ReadonlySet<Role> = new Set<Role>([
  "home_care_worker",
  "planner",
  "team_leader",
  "community_coordinator",
  "manager",
  "administrator",
]);

/** Roles that maintain the register (master data). */
const CITIZEN_EDITORS: ReadonlySet<Role> = new Set<Role>([
  "planner",
  "team_leader",
  "community_coordinator",
  "administrator",
]);

const CPR_REVEALERS: ReadonlySet<Role> = new Set<Role>([
  "planner",
  "team_leader",
  "community_coordinator",
  "administrator",
]);

/** A private provider's staff reach only the citizens it serves. */
function seesCitizen(actor: Actor, citizen: CitizenResource): Decision {
  if (citizen.municipalityId !== actor.municipalityId) return deny("tenant");
  if (
    actor.organisationKind === "private_provider" &&
    citizen.providerOrganisationId !== actor.organisationId
  ) {
    return deny("provider");
  }
  return ALLOW;
}

/** Care staff who meet citizens and may screen them and send an advis. */
const DETECTORS: ReadonlySet<Role> = new Set<Role>([
  "home_care_worker",
  "planner",
  "team_leader",
  "community_coordinator",
]);

/** Those who run the team's weekly triage meeting and see its due lists (ambassadors work through them). */
const TRIAGE_RUNNERS: ReadonlySet<Role> = new Set<Role>(["team_leader", "planner", "community_coordinator"]);

/** Staff who carry out clips on citizens' days (accompaniment, conversations). */
const CLIP_WORKERS: ReadonlySet<Role> = new Set<Role>([
  "home_care_worker",
  "planner",
  "team_leader",
  "community_coordinator",
]);

/** Those who put clips on workers' days. */
const CLIP_PLANNERS: ReadonlySet<Role> = new Set<Role>(["planner", "team_leader", "community_coordinator"]);

/** Who reads the status report, funnel and punch-card use (the evaluator sees suppressed aggregates only). */
const REPORT_READERS: ReadonlySet<Role> = new Set<Role>([
  "planner",
  "team_leader",
  "community_coordinator",
  "manager",
  "evaluator",
  "administrator",
]);

/** Whether this role sees reports with small numbers suppressed (no citizen access). */
export function reportsSuppressed(actor: Actor): boolean {
  return !CITIZEN_READERS.has(actor.role);
}

/** The district this actor is loneliness ambassador for; only a home-care worker can be one. */
export function ambassadorDistrict(actor: Actor): string | null {
  return actor.role === "home_care_worker" ? (actor.ambassadorDistrictId ?? null) : null;
}

/** Whether the actor's due lists are an ambassador's (one district) rather than a triage runner's. */
export function seesDueListsAsAmbassador(actor: Actor): boolean {
  return !TRIAGE_RUNNERS.has(actor.role) && ambassadorDistrict(actor) !== null;
}

function roleIn(roles: ReadonlySet<Role>, actor: Actor): Decision {
  return roles.has(actor.role) ? ALLOW : deny("role");
}

function roleAndCitizen(roles: ReadonlySet<Role>, actor: Actor, citizen: CitizenResource): Decision {
  return roles.has(actor.role) ? seesCitizen(actor, citizen) : deny("role");
}

export function can(actor: Actor, action: Action): Decision {
  // A FHIR system client (issue 14) is a service user: it reads through /fhir/R4 and nothing else.
  if (actor.role === "system_client") return action.kind === "fhir.read" ? ALLOW : deny("role");
  switch (action.kind) {
    case "citizen.list":
      return CITIZEN_READERS.has(actor.role) ? ALLOW : deny("role");
    case "citizen.read":
      return CITIZEN_READERS.has(actor.role) ? seesCitizen(actor, action.citizen) : deny("role");
    case "citizen.create":
      // Private providers receive citizens from the municipality's visitation; they do not register them.
      return CITIZEN_EDITORS.has(actor.role) && actor.organisationKind !== "private_provider"
        ? ALLOW
        : deny("role");
    case "citizen.update":
      return CITIZEN_EDITORS.has(actor.role) ? seesCitizen(actor, action.citizen) : deny("role");
    case "citizen.revealCpr":
      return CPR_REVEALERS.has(actor.role) ? seesCitizen(actor, action.citizen) : deny("role");
    case "citizen.auditTrail":
      return actor.role === "administrator" ? seesCitizen(actor, action.citizen) : deny("role");
    case "citizen.privacy":
      // The rights page and the rectification history name the staff who changed the register, like
      // the audit trail does: those who may read the trail (the administrator, for the DPO).
      return actor.role === "administrator" ? seesCitizen(actor, action.citizen) : deny("role");
    case "citizen.restrict":
      // Restriction stops all processing across every unit of the municipality, so it is a decision
      // on the citizen's request taken centrally (the administrator, advised by the DPO) — not by one
      // coordinator, who would otherwise hide a citizen from colleagues' lists on their own.
      return actor.role === "administrator" ? seesCitizen(actor, action.citizen) : deny("role");
    case "citizen.restrictedList":
      return actor.role === "administrator" ? ALLOW : deny("role");
    case "citizen.accessExport":
      // Everything about one citizen in one file (health data, notes, the trail naming staff, the CPR
      // in full) is handed out on the citizen's request after their identity is checked: a central
      // task of the data controller (the administrator, for the DPO) — not of the staff who meet them.
      return actor.role === "administrator" ? seesCitizen(actor, action.citizen) : deny("role");
    case "citizen.anonymise":
    case "citizen.erase":
      // Irreversible and across every unit: the data controller's decision on the citizen's request
      // or a retention rule (the administrator, advised by the DPO) — never the staff who meet them.
      return actor.role === "administrator" ? seesCitizen(actor, action.citizen) : deny("role");
    case "privacy.records":
      // The record describes the processing, never a citizen: the administrator keeps it, and the
      // manager who answers for the processing in Ældre og Sundhed hands it to the DPO or Datatilsynet
      // (art. 30(4)) without needing the administrator's rights.
      return actor.role === "administrator" || actor.role === "manager" ? ALLOW : deny("role");
    case "admin.manage":
      return actor.role === "administrator" ? ALLOW : deny("role");
    case "securityLog.read":
      // Sign-ins and account events of the municipality's staff: who tried what from where.
      return actor.role === "administrator" ? ALLOW : deny("role");
    case "retention.read":
    case "retention.manage":
      // How long the municipality keeps data is the data controller's decision, advised by the DPO,
      // and a run can anonymise many citizens at once: the administrator alone.
      return actor.role === "administrator" ? ALLOW : deny("role");
    case "job.status":
      // Operating the installation: which scheduled jobs ran, failed or wait. Shows no job data.
      return actor.role === "administrator" ? ALLOW : deny("role");
    case "organisation.list":
      return ALLOW;
    case "identityProvider.manage":
    case "scimToken.manage":
      // Who can log in, and with which role, is the user administration's decision: the administrator.
      return actor.role === "administrator" ? ALLOW : deny("role");
    case "careRecord.import":
    case "careRecord.exchange":
    case "fhirClient.manage":
      // Keeping the register in step with the care record writes many citizens at once, and the
      // exchange settings hold credentials: the administrator's task, like the user administration.
      return actor.role === "administrator" ? ALLOW : deny("role");
    case "fhir.read":
      // Only a system client (above) reads through the FHIR API; people use the app.
      return deny("role");
    case "citizen.careDeliveryReport":
      // One file of a citizen's health data for another system: handed over by the data controller
      // (the administrator), as the access export is; the push does it routinely without a person.
      return actor.role === "administrator" ? seesCitizen(actor, action.citizen) : deny("role");
    case "messaging.configure":
    case "messaging.outbox":
      // The channels hold credentials, and the outbox names every recipient: the administrator, like
      // the exchange settings.
      return actor.role === "administrator" ? ALLOW : deny("role");
    case "citizen.messagingConsent":
      // Recorded where the citizen is met and the course is run: the coordinator, and the care staff
      // who keep the register's contact details (the same editors as the register).
      return CITIZEN_EDITORS.has(actor.role) ? seesCitizen(actor, action.citizen) : deny("role");
    case "citizen.message":
    case "citizen.letter":
      // The coordinator keeps the citizen on track (seed 003: texting to keep up motivation; seed 001:
      // the plan on paper).
      return actor.role === "community_coordinator" ? seesCitizen(actor, action.citizen) : deny("role");
    case "notifications.own":
      return actor.role === "evaluator" ? deny("role") : ALLOW;
    case "screening.create":
    case "journal.write":
    case "referral.createForCitizen":
      return roleAndCitizen(DETECTORS, actor, action.citizen);
    case "referral.registerExternal":
    case "referral.decide":
      // The coordinators' unit receives referrals and registers those that come by phone or e-mail.
      return actor.role === "community_coordinator" ? ALLOW : deny("role");
    case "referral.inbox":
      return actor.role === "community_coordinator" || actor.role === "manager" ? ALLOW : deny("role");
    case "referral.sentList":
      return roleIn(DETECTORS, actor);
    case "referral.reply": {
      // The worker who sent it answers the coordinator's question; their team leader may answer for
      // the unit when the worker is away. Both only while they belong to the sending organisation.
      const r = action.referral;
      if (r.municipalityId !== actor.municipalityId) return deny("tenant");
      if (
        !DETECTORS.has(actor.role) ||
        r.fromOrganisationId === null ||
        r.fromOrganisationId !== actor.organisationId
      )
        return deny("role");
      return r.createdBy === actor.userId || actor.role === "team_leader" ? ALLOW : deny("role");
    }
    case "triage.run":
      return roleIn(TRIAGE_RUNNERS, actor);
    case "due.list": {
      if (TRIAGE_RUNNERS.has(actor.role)) return ALLOW;
      // An ambassador reads only the district they are ambassador for (a private provider's
      // ambassador only their own citizens there: the lists are scoped by providerScope too).
      const district = ambassadorDistrict(actor);
      if (district === null) return deny("role");
      return action.districtId === undefined || action.districtId === district ? ALLOW : deny("role");
    }
    case "detectionSettings.read":
      // The settings decide who is due, so whoever reads a due list reads them; the administrator changes them.
      if (actor.role === "administrator") return ALLOW;
      return can(actor, { kind: "due.list" });
    case "detectionClip.grant":
      return roleAndCitizen(new Set<Role>(["planner", "team_leader"]), actor, action.citizen);
    case "detectionClip.complete":
      return action.workerUserId === actor.userId || actor.role === "planner" || actor.role === "team_leader"
        ? ALLOW
        : deny("role");
    case "detectionClip.list":
      return roleIn(DETECTORS, actor);
    case "questionnaire.read":
      return roleIn(DETECTORS, actor).allowed || actor.role === "administrator" || actor.role === "manager"
        ? ALLOW
        : deny("role");
    case "questionnaire.manage":
    case "settings.manage":
    case "courseDefinition.manage":
      return actor.role === "administrator" ? ALLOW : deny("role");
    case "course.read":
      return CITIZEN_READERS.has(actor.role) ? seesCitizen(actor, action.citizen) : deny("role");
    case "course.open":
    case "course.manage":
      // The coordinator runs the course (DOMAIN.md step 2–5); clips are granted by a coordinator, not the authority.
      return actor.role === "community_coordinator" ? seesCitizen(actor, action.citizen) : deny("role");
    case "course.caseload":
      return actor.role === "community_coordinator" || actor.role === "manager" ? ALLOW : deny("role");
    case "course.caseloadAll":
      return actor.role === "manager" ? ALLOW : deny("role");
    case "course.reassign":
      return actor.role === "manager" ? seesCitizen(actor, action.citizen) : deny("role");
    case "clip.grant":
      // Or hours split between home-care units whose team leaders grant them (seed 003); managers
      // grant the exceptions beyond the frame that a municipality's policy reserves for them.
      return roleAndCitizen(
        new Set<Role>(["community_coordinator", "team_leader", "manager"]),
        actor,
        action.citizen,
      );
    case "clip.plan":
      return roleAndCitizen(CLIP_PLANNERS, actor, action.citizen);
    case "clip.register": {
      // A manager — the role the shipped frame names for exceptions — records a planned clip's
      // minutes beyond the grant or the frame as an exception; the clip keeps its worker.
      if (action.clip.asException && actor.role === "manager")
        return roleAndCitizen(new Set<Role>(["manager"]), actor, action.clip.citizen);
      const sees = roleAndCitizen(CLIP_WORKERS, actor, action.clip.citizen);
      if (!sees.allowed) return sees;
      // A private provider registers only on interventions assigned to it (issue 4).
      if (
        actor.organisationKind === "private_provider" &&
        action.clip.providerOrganisationId !== actor.organisationId
      )
        return deny("provider");
      return ALLOW;
    }
    case "clip.day":
      if (!CLIP_WORKERS.has(actor.role)) return deny("role");
      return action.workerUserId === actor.userId || CLIP_PLANNERS.has(actor.role) ? ALLOW : deny("role");
    case "courseDefinition.read":
      // Guides, catalogues and the frame hold no citizen data; the volunteer centre needs the interest taxonomy for its catalog entries.
      return actor.role === "evaluator" ? deny("role") : ALLOW;
    case "budget.read":
      return actor.role === "team_leader" ||
        actor.role === "manager" ||
        actor.role === "administrator" ||
        actor.role === "community_coordinator"
        ? ALLOW
        : deny("role");
    case "budget.manage":
      return actor.role === "manager" || actor.role === "administrator" ? ALLOW : deny("role");
    case "calendarFeed.manage":
      return roleIn(CLIP_WORKERS, actor);
    case "catalog.read":
      // The catalog holds no citizen data: every signed-in role may look things up.
      return ALLOW;
    case "catalog.create":
      return actor.role === "community_coordinator" ||
        actor.role === "administrator" ||
        actor.role === "volunteer_centre_staff"
        ? ALLOW
        : deny("role");
    case "catalog.edit":
      if (actor.role === "community_coordinator" || actor.role === "administrator") return ALLOW;
      // The volunteer centre's staff keep their own associations' entries (issue 5, catalog upkeep).
      return actor.role === "volunteer_centre_staff" &&
        action.managedByOrganisationId === actor.organisationId
        ? ALLOW
        : deny("role");
    case "catalog.history":
      // The change history names the staff who edited entries: for those who keep the catalog, and
      // the web app asks this same rule before it shows or fetches the history (issue 11 point 15).
      return actor.role === "community_coordinator" ||
        actor.role === "administrator" ||
        actor.role === "volunteer_centre_staff"
        ? ALLOW
        : deny("role");
    case "catalog.import":
      return actor.role === "community_coordinator" || actor.role === "administrator" ? ALLOW : deny("role");
    case "catalog.export":
      return ["community_coordinator", "administrator", "manager", "volunteer_centre_staff"].includes(
        actor.role,
      )
        ? ALLOW
        : deny("role");
    case "matching.run":
    case "placement.manage":
    case "volunteerReferral.create":
      return actor.role === "community_coordinator" ? seesCitizen(actor, action.citizen) : deny("role");
    case "placement.read":
      return CITIZEN_READERS.has(actor.role) ? seesCitizen(actor, action.citizen) : deny("role");
    case "volunteerReferral.inbox":
      // The volunteer centre sees only its own referrals (the service scopes by organisation).
      return actor.role === "volunteer_centre_staff" ||
        actor.role === "community_coordinator" ||
        actor.role === "manager"
        ? ALLOW
        : deny("role");
    case "volunteerReferral.answer":
      return actor.role === "volunteer_centre_staff" && actor.organisationId === action.toOrganisationId
        ? ALLOW
        : deny("role");
    case "volunteerReferral.withdrawConsent":
      // The coordinator who referred hears it from the citizen; the administrator when the request
      // comes through the DPO. Withdrawing must be as easy as consenting (art. 7(3)).
      return actor.role === "community_coordinator" || actor.role === "administrator"
        ? seesCitizen(actor, action.citizen)
        : deny("role");
    case "volunteerReferral.stats":
      return actor.role === "community_coordinator" ||
        actor.role === "manager" ||
        actor.role === "administrator"
        ? ALLOW
        : deny("role");
    case "smallCommunity.read":
      return actor.role === "community_coordinator" || actor.role === "manager" ? ALLOW : deny("role");
    case "smallCommunity.manage":
      return actor.role === "community_coordinator" ? ALLOW : deny("role");
    case "report.view":
      return REPORT_READERS.has(actor.role) ? ALLOW : deny("role");
    case "report.citizens":
      // The list of citizens behind a figure is citizen data: only roles that may list citizens, and not private providers' staff (a report spans providers).
      return REPORT_READERS.has(actor.role) &&
        CITIZEN_READERS.has(actor.role) &&
        actor.organisationKind !== "private_provider"
        ? ALLOW
        : deny("role");
    case "report.evaluatorExport":
      return actor.role === "evaluator" || actor.role === "administrator" ? ALLOW : deny("role");
    case "smallCommunity.recordMeeting":
      return actor.role === "community_coordinator" ||
        (action.hostUserId !== null && action.hostUserId === actor.userId)
        ? ALLOW
        : deny("role");
  }
}

/**
 * A platform administrator (issue 15 point 3): above the municipalities, created by a command at
 * installation, with a session of their own (platform_sessions) — never a user of a municipality.
 */
export interface PlatformActor {
  kind: "platform_admin";
  platformAdminId: string;
}

/** What the platform administration does: municipalities as a whole, never their people. */
export type PlatformAction =
  { kind: "municipality.list" } | { kind: "municipality.health" } | { kind: "municipality.create" };

/**
 * The platform guard's rule, beside can(): only a platform administrator's session reaches the
 * platform's routes — a municipality's administrator included, no staff actor ever does. The other
 * half of the separation is by construction: a platform session carries no Actor, so can() — and
 * with it every route of a municipality's data — is never asked on its behalf (the session hook
 * knows only staff sessions: a platform cookie alone is unauthenticated there).
 */
export function canPlatform(actor: PlatformActor | Actor | null, action: PlatformAction): Decision {
  if (!actor || !("kind" in actor) || actor.kind !== "platform_admin") return deny("role");
  switch (action.kind) {
    case "municipality.list":
    case "municipality.health":
    case "municipality.create":
      return ALLOW;
  }
}

/** Private-provider staff are limited to this provider's citizens in lists and searches. */
export function providerScope(actor: Actor): string | null {
  return actor.organisationKind === "private_provider" ? actor.organisationId : null;
}
