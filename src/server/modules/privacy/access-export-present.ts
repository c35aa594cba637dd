/**
 * Presenting the access export: the collected rows become the document of shared/api/privacy-access.ts
 * — words instead of codes, Copenhagen time, staff by name and role, ids of other rows resolved to
 * what they name. This file: the register and its history, detection, referrals, the audit trail,
 * and the whole document; the course side is access-export-present-course.ts.
 */
import {
  type RegisterValue,
  type RegisterValues,
  revisionHistory,
} from "../../../domain/privacy/rectification.js";
import type { QuestionnaireDefinition } from "../../../domain/questionnaires/definition.js";
import type { AuditEvent } from "../../../shared/api/citizens.js";
import type { AccessExport, ExportAuditEntry, ExportScreening } from "../../../shared/api/privacy-access.js";
import type { CitizenData } from "./access-export-collect.js";
import type { CourseData } from "./access-export-collect-course.js";
import { type CareRecordData, presentCareRecord } from "./access-export-care-record.js";
import { type MessagingData, presentMessaging } from "./access-export-messaging.js";
import { type ConsentData, presentConsents } from "./access-export-consents.js";
import { presentCourseSide } from "./access-export-present-course.js";
import { type Presenting, at, atOrNull } from "./access-export-words.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The whole document, in the order of ACCESS_EXPORT_CATEGORIES. */
export function presentAccessExport(
  p: Presenting,
  input: {
    producedAt: Date;
    producedBy: string;
    citizen: CitizenData;
    course: CourseData;
    careRecord: CareRecordData;
    messaging: MessagingData;
    consents: ConsentData;
    trail: readonly AuditEvent[];
    /** The register as it is now: where the newest correction's "after" values come from. */
    current: RegisterValues;
  },
): AccessExport {
  const { w } = p;
  const d = input.citizen;
  const c = d.citizen;
  const receipts = new Map(d.referrals.map((r) => [r.id, r.receiptNumber]));
  return {
    format: "broen-access-export",
    version: 1,
    producedAt: at(input.producedAt),
    producedBy: p.staff(input.producedBy) ?? { name: "?", role: "" },
    municipality: p.names.municipality,
    citizen: {
      name: `${c.firstName} ${c.lastName}`,
      firstName: c.firstName,
      lastName: c.lastName,
      cpr: c.cpr,
      birthDate: c.birthDate,
      address: { line: c.addressLine, postalCode: c.postalCode, city: c.city },
      phone: c.phone,
      homeCareProvider: p.org(c.providerOrganisationId),
      district: c.districtId ? (p.names.districts.get(c.districtId) ?? null) : null,
      homeCareSince: c.homeCareSince,
      inTargetGroup: c.inTargetGroup,
      addressGeocoded: c.lat !== null && c.lon !== null,
      restricted: c.restrictedAt !== null,
      createdAt: at(c.createdAt),
      updatedAt: at(c.updatedAt),
    },
    corrections: corrections(p, d, input.current),
    restrictions: d.restrictions.map((r) => ({
      restrictedAt: at(r.restrictedAt),
      restrictedBy: p.staff(r.restrictedBy),
      reason: r.reason,
      liftedAt: atOrNull(r.liftedAt),
      liftedBy: p.staff(r.liftedBy),
      liftReason: r.liftReason,
    })),
    contacts: d.contacts.map((k) => ({
      kind: w.word("contactKind", k.kind),
      name: k.name,
      relation: k.relation,
      phone: k.phone,
      organisation: p.org(k.organisationId),
      primary: k.isPrimary,
      createdAt: at(k.createdAt),
    })),
    targetGroupChanges: d.targetGroup.map((t) => ({
      at: at(t.changedAt),
      inTargetGroup: t.inTargetGroup,
      reason: w.word("targetGroupReason", t.reason),
      note: t.note,
      by: p.staff(t.changedBy),
    })),
    screenings: d.screenings.map((s) => presentScreening(p, s)),
    journalNotes: d.notes.map((n) => ({
      at: at(n.createdAt),
      kind: w.word("noteKind", n.kind),
      tags: n.tags,
      title: n.title,
      body: n.body,
      active: n.active,
      author: p.staff(n.authorUserId),
      organisation: p.org(n.authorOrganisationId) ?? "",
    })),
    triageDecisions: d.triage.map((t) => ({
      meetingOn: t.heldOn,
      district: t.district,
      colour: w.maybe("colour", t.d.colour),
      decision: w.maybe("triageDecision", t.d.decision),
      decidedBy: p.staff(t.d.decidedBy),
      at: at(t.d.decidedAt),
    })),
    detectionClips: d.detection.map((k) => ({
      plannedOn: k.plannedDate,
      minutes: k.minutes,
      status: w.word("clipStatus", k.status),
      worker: p.staff(k.workerUserId),
      grantedBy: p.staff(k.grantedBy),
      createdAt: at(k.createdAt),
      doneAt: atOrNull(k.doneAt),
    })),
    referrals: d.referrals.map((r) => ({
      receiptNumber: r.receiptNumber,
      createdAt: at(r.createdAt),
      source: w.word("referralSource", r.source),
      channel: w.word("referralChannel", r.channel),
      to: p.org(r.toOrganisationId) ?? "",
      from: p.org(r.fromOrganisationId),
      referrerName: r.referrerName,
      subject: { name: r.subjectName, address: r.subjectAddress, phone: r.subjectPhone, cpr: r.subjectCpr },
      reason: r.reason,
      status: w.word("referralStatus", r.status),
      createdBy: p.staff(r.createdBy),
      events: d.referralEvents
        .filter((e) => e.referralId === r.id)
        .map((e) => ({
          at: at(e.at),
          from: w.maybe("referralStatus", e.fromStatus),
          to: w.word("referralStatus", e.toStatus),
          step: w.maybe("referralStep", e.action),
          message: e.message,
          by: p.staff(e.actorUserId),
        })),
    })),
    ...presentCourseSide(p, input.course, receipts),
    ...presentCareRecord(p, input.careRecord),
    ...presentMessaging(p, input.messaging),
    ...presentConsents(p, input.consents),
    auditTrail: input.trail.map((e) => presentAuditEntry(p, e)),
  };
}

/**
 * The corrections, oldest first, each as field: before → after (the pairing is the domain's, the same
 * the rectification history shows); a provider or district by its name, the CPR in full like above.
 */
function corrections(p: Presenting, d: CitizenData, current: RegisterValues): AccessExport["corrections"] {
  const shown = (field: string, value: RegisterValue): string => {
    if (value === null || value === "") return "–";
    if (typeof value === "boolean") return p.w.yesNo(value);
    if (field === "providerId") return p.org(value) ?? "?";
    if (field === "districtId") return p.names.districts.get(value) ?? "?";
    return value;
  };
  return revisionHistory(
    d.revisions.map((r) => ({
      version: r.version,
      previous: r.previous as Record<string, unknown>,
      extra: r,
    })),
    current,
  )
    .reverse()
    .map(({ changes, extra: r }) => ({
      at: at(r.changedAt),
      by: p.staff(r.changedBy),
      reason: r.reason,
      changes: changes.map((c) => ({
        field: p.w.word("fields", c.field),
        from: shown(c.field, c.from),
        to: shown(c.field, c.to),
      })),
    }));
}

type ScreeningRow = CitizenData["screenings"][number];

/** A screening with each question as that version worded it and the answer given, in the form's order. */
function presentScreening(p: Presenting, { s, definition }: ScreeningRow): ExportScreening {
  const { w } = p;
  const def = definition as QuestionnaireDefinition;
  const answers = (s.answers ?? {}) as Record<string, string | boolean>;
  const outcome = s.outcomeKey ? def.outcomes.find((o) => o.key === s.outcomeKey) : undefined;
  const scores = (s.scores ?? {}) as Record<string, number>;
  return {
    id: s.id,
    at: at(s.performedAt),
    purpose: w.word("purpose", s.purpose),
    questionnaire: w.local(def.title) ?? def.key,
    questionnaireVersion: def.version,
    performedBy: p.staff(s.performedBy),
    organisation: p.org(s.performedByOrganisationId) ?? "",
    consent: w.word("consent", s.consent),
    exclusionReason: w.maybe("exclusion", s.exclusionReason),
    outcome: outcome ? w.local(outcome.label) : (s.outcomeKey ?? null),
    colour: w.maybe("colour", s.colour),
    positive: s.positive,
    answers: def.items.flatMap((item) => {
      const given = answers[item.id];
      if (given === undefined) return [];
      const answer =
        item.kind === "checklist"
          ? w.yesNo(given === true)
          : (w.local(item.options.find((o) => o.id === given)?.label) ?? String(given));
      return [{ question: w.local(item.text) ?? item.id, answer }];
    }),
    scores: Object.entries(scores).map(([key, value]) => ({
      label: w.local(def.scores.find((x) => x.key === key)?.label) ?? key,
      value: String(value),
    })),
  };
}

/**
 * One row of the trail: who (name and role), what, and the criterion in words. A search's terms
 * (`q`) stay out — what someone typed may name another person — and so do IP addresses, which are
 * the staff's data, not the citizen's.
 */
function presentAuditEntry(p: Presenting, e: AuditEvent): ExportAuditEntry {
  const { w } = p;
  // An id the trail could not name (it names no citizen here) is left out rather than shown as an id.
  const shown = (v: unknown): string | null =>
    typeof v === "boolean"
      ? w.yesNo(v)
      : typeof v !== "string"
        ? String(v)
        : (e.names[v] ?? (UUID.test(v) ? null : w.audit("values", v)));
  const details = Object.entries(e.criterion ?? {})
    .filter(([key]) => key !== "q")
    .flatMap(([key, value]) => {
      const text = Array.isArray(value)
        ? value
            .map(shown)
            .filter((v): v is string => v !== null)
            .join(", ")
        : typeof value === "object" && value !== null
          ? JSON.stringify(value)
          : shown(value);
      return text === null ? [] : [{ label: w.audit("criterion", key), value: text }];
    });
  return {
    at: at(new Date(e.at)),
    by: e.actor
      ? { name: e.actor.name, role: w.role(e.actor.role) }
      : e.actorKind === "user"
        ? null
        : { name: w.audit("actors", e.actorKind), role: "" },
    action: w.audit("actions", e.action),
    what: w.audit("entities", e.entityType),
    details,
  };
}
