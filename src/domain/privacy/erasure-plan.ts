/**
 * Anonymisation and erasure of one citizen (issue 13 point 5): every category of data Broen holds
 * about a citizen, and what each operation does to it. The server's statements follow this table
 * (modules/privacy/erasure*.ts), the preview shows it, the deletion records are written per
 * category, and docs/decisions/0095-anonymisation-and-erasure.md explains each line.
 *
 *  - "removed": the rows are deleted;
 *  - "cleared": the rows stay (a report counts them) but their identifying content — names, CPR,
 *    address, phone, free text, what was shared — is emptied;
 *  - "kept": the rows stay as they are (codes, dates and numbers the reports count; nothing in
 *    them identifies once the register row is anonymised).
 *
 * Anonymising keeps every fact a report counts (status, funnel, punch-card use, trend, outcomes,
 * the evaluator's dataset), so last year's figures still add up. Erasing removes the citizen
 * entirely: the figures of past periods drop by what the citizen contributed. The audit trail is
 * the one thing erasure keeps — it has its own retention rule (`audit_trail_erase`) — with the
 * search terms typed to find the citizen cleared.
 */

export const ERASURE_OPERATIONS = ["anonymise", "erase"] as const;
export type ErasureOperation = (typeof ERASURE_OPERATIONS)[number];

export type CategoryTreatment = "removed" | "cleared" | "kept";

export const ERASURE_CATEGORIES = [
  "citizen",
  "contacts",
  "revisions",
  "restrictions",
  "screenings",
  "journal_notes",
  "target_group_changes",
  "detection_clips",
  "triage_decisions",
  "referrals",
  "referral_events",
  "courses",
  "course_events",
  "conversations",
  "condition_assessments",
  "interventions",
  "clip_grants",
  "clips",
  "follow_ups",
  "outcome_measurements",
  "placements",
  "placement_events",
  "volunteer_referrals",
  "small_community_memberships",
  // The citizen's consent to be reached by SMS or e-mail, with its phone numbers and addresses (issue 16).
  "messaging_consents",
  // The SMS and e-mails to the citizen or a relative: addresses and texts (issue 16).
  "outbox_messages",
  "stored_answers",
  "audit_search_terms",
] as const;
export type ErasureCategory = (typeof ERASURE_CATEGORIES)[number];

/** What anonymising does to each category; erasing removes all but the audit trail's search terms (cleared). */
export const ANONYMISE: Record<ErasureCategory, CategoryTreatment> = {
  citizen: "cleared",
  contacts: "removed",
  revisions: "removed",
  restrictions: "cleared",
  screenings: "kept",
  journal_notes: "removed",
  target_group_changes: "cleared",
  detection_clips: "kept",
  triage_decisions: "kept",
  referrals: "cleared",
  referral_events: "cleared",
  courses: "cleared",
  course_events: "cleared",
  conversations: "cleared",
  condition_assessments: "kept",
  interventions: "cleared",
  clip_grants: "cleared",
  clips: "cleared",
  follow_ups: "cleared",
  outcome_measurements: "kept",
  placements: "cleared",
  placement_events: "cleared",
  volunteer_referrals: "cleared",
  small_community_memberships: "kept",
  // Phone numbers and e-mail addresses of the citizen and a relative: nothing a report counts.
  messaging_consents: "removed",
  // Kept as "a message was sent" (the outbox's history); the address and the text emptied, a
  // message still waiting cancelled.
  outbox_messages: "cleared",
  stored_answers: "cleared",
  audit_search_terms: "cleared",
};

export function treatmentOf(operation: ErasureOperation, category: ErasureCategory): CategoryTreatment {
  if (operation === "anonymise") return ANONYMISE[category];
  // The stored answers stay as a refusal (so a retried request is not done again) and the audit
  // trail stays under its own retention rule: both are emptied of content, not removed.
  return category === "stored_answers" || category === "audit_search_terms" ? "cleared" : "removed";
}

/** Counts of one citizen's rows per category. */
export type ErasureCounts = Record<ErasureCategory, number>;

/** The counts a deletion record is written for: what the operation removes or clears (not what it keeps). */
export function touchedCounts(operation: ErasureOperation, counts: ErasureCounts): Partial<ErasureCounts> {
  const out: Partial<ErasureCounts> = {};
  for (const category of ERASURE_CATEGORIES) {
    if (treatmentOf(operation, category) !== "kept" && counts[category] > 0) out[category] = counts[category];
  }
  return out;
}

/** What stands in the way without a stated reason: an open course or an active referral. */
export interface ErasureBlockers {
  openCourses: number;
  /** Referrals to the coordinators not yet decided, and volunteer-centre referrals still waiting. */
  activeReferrals: number;
}

export function needsReason(b: ErasureBlockers): boolean {
  return b.openCourses > 0 || b.activeReferrals > 0;
}

/**
 * The CPR stand-in of an anonymised citizen. `citizens.cpr` is NOT NULL and unique per
 * municipality, so every anonymised citizen needs their own value: "ANON-" and a random UUID
 * (given by the caller) can never collide, never pass for a real CPR (DDMMYY-SSSS is digits), and
 * carries nothing of the person — not even the citizen's id.
 */
export function anonymousCpr(randomId: string): { cpr: string; cprLast4: string } {
  return { cpr: `ANON-${randomId}`, cprLast4: "ANON" };
}

export function isAnonymousCpr(cpr: string): boolean {
  return cpr.startsWith("ANON-");
}

/** The birth date an anonymised citizen keeps: only the year (the evaluator's dataset reports birth year). */
export function anonymousBirthDate(birthDate: string): string {
  return `${birthDate.slice(0, 4)}-01-01`;
}

/** Stored name of an anonymised citizen, so every screen that prints a name prints this and nothing else. */
export const ANONYMOUS_NAME = { firstName: "Anonymiseret", lastName: "borger" } as const;
