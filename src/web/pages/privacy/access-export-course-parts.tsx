/**
 * The course side of the access document: the courses and what was recorded on them, and the audit
 * trail. Records of a course name it by the day it opened ("Forløbet fra 3. marts 2026").
 */
import type { ReactNode } from "react";
import type { AccessExport } from "../../../shared/api/privacy-access";
import { type Column, Table } from "../../components/Table";
import { type ExportFormat, Entries, joined, lines } from "./access-export-parts";

export function courseCategories(doc: AccessExport, f: ExportFormat): Record<string, ReactNode> {
  const { t } = f;
  const opened = new Map(doc.courses.map((c) => [c.id, c.openedAt]));
  const course = (id: string | null) =>
    id && opened.has(id) ? t("access.page.course", { date: f.at(opened.get(id)) }) : null;
  return {
    courses: (
      <Entries
        items={doc.courses}
        title={(c) => t("access.page.course", { date: f.at(c.openedAt) })}
        facts={(c) => [
          ["stage", c.stage],
          ["coordinator", f.staff(c.coordinator)],
          ["referralReceipt", c.referralReceipt],
          ["pausedAt", f.at(c.pausedAt)],
          ["nextFollowUpOn", f.day(c.nextFollowUpOn)],
          ["closedAt", f.at(c.closedAt)],
          ["closingReason", c.closingReason],
          ["citizenAccount", c.citizenAccount],
          ["matchingProfile", lines(c.matchingProfile.map((p) => `${p.label}: ${p.value}`))],
          [
            "events",
            lines(
              c.events.map((e) =>
                joined(
                  f.at(e.at),
                  e.kind,
                  e.fromStage && e.toStage ? `${e.fromStage} → ${e.toStage}` : e.toStage,
                  e.reason,
                  // The coordinator a course was given to, when not the one who did it.
                  e.toCoordinator && e.toCoordinator.name !== e.by?.name ? f.staff(e.toCoordinator) : null,
                  f.staff(e.by),
                ),
              ),
            ),
          ],
        ]}
      />
    ),
    conversations: (
      <Entries
        items={doc.conversations}
        title={(c) => `${c.kind} – ${f.at(c.heldAt ?? c.scheduledAt) ?? c.status}`}
        facts={(c) => [
          ["course", course(c.courseId)],
          ["status", c.status],
          ["scheduledAt", f.at(c.scheduledAt)],
          ["guide", c.guide],
          ["notes", lines(c.notes.map((n) => `${n.theme}: ${n.note}`))],
          ["lonelinessType", c.lonelinessType],
          ["interests", f.list(c.interests)],
          ["barriers", f.list(c.barriers)],
          ["wishes", c.wishes],
          [
            "goals",
            lines(
              c.goals.map((g) =>
                joined(
                  g.goal,
                  ...g.agreements.map((a) =>
                    joined(
                      t("access.fields.agreement", { who: a.who, what: a.what }),
                      a.due ? t("access.fields.due", { date: f.day(a.due) }) : null,
                    ),
                  ),
                ),
              ),
            ),
          ],
          ["recordedBy", f.staff(c.recordedBy)],
        ]}
      />
    ),
    conditionAssessments: (
      <Entries
        items={doc.conditionAssessments}
        title={(a) => `${a.condition} – ${f.at(a.at)}`}
        facts={(a) => [
          ["severity", a.severity],
          ["citizenView", a.citizenView],
          ["assessedBy", f.staff(a.assessedBy)],
          ["course", course(a.courseId)],
        ]}
      />
    ),
    interventions: (
      <Entries
        items={doc.interventions}
        title={(i) => `${i.kind} – ${f.day(i.startedOn)}`}
        facts={(i) => [
          ["course", course(i.courseId)],
          ["provider", i.provider],
          ["description", i.description],
          ["endedAt", f.at(i.endedAt)],
          ["createdBy", f.staff(i.createdBy)],
        ]}
      />
    ),
    grants: (
      <Entries
        items={doc.grants}
        title={(g) => `${g.kind} – ${f.day(g.grantedOn)}`}
        facts={(g) => [
          ["course", course(g.courseId)],
          ["clips", g.clips],
          ["minutesPerClip", g.minutesPerClip],
          ["grantedBy", f.staff(g.grantedBy)],
          ["exception", g.exception ? f.yesNo(true) : null],
          ["exceptionReason", g.exceptionReason],
          ["rulesBroken", lines(g.rulesBroken)],
        ]}
      />
    ),
    clips: (
      <Entries
        items={doc.clips}
        title={(c) => `${c.kind} – ${f.day(c.performedOn ?? c.plannedOn) ?? c.status}`}
        facts={(c) => [
          ["course", course(c.courseId)],
          ["status", c.status],
          ["accompanimentForm", c.accompanimentForm],
          ["plannedOn", joined(f.day(c.plannedOn), c.plannedStart)],
          ["plannedMinutes", c.plannedMinutes],
          ["worker", joined(f.staff(c.worker), c.provider)],
          ["plannedBy", f.staff(c.plannedBy)],
          ["actualMinutes", c.actualMinutes],
          ["note", c.note],
          ["cancelledByCitizen", c.cancelledByCitizen ? f.yesNo(true) : null],
          ["cancelReason", c.cancelReason],
          ["exceptionReason", c.exceptionReason],
          ["rulesBroken", lines(c.rulesBroken)],
          ["registeredBy", joined(f.staff(c.registeredBy), f.at(c.registeredAt))],
        ]}
      />
    ),
    followUps: (
      <Entries
        items={doc.followUps}
        title={(x) => `${x.result} – ${f.at(x.at)}`}
        facts={(x) => [
          ["course", course(x.courseId)],
          ["stillParticipating", f.yesNo(x.stillParticipating)],
          ["note", x.note],
          ["nextFollowUpOn", f.day(x.nextFollowUpOn)],
          ["performedBy", f.staff(x.performedBy)],
        ]}
      />
    ),
    placements: (
      <Entries
        items={doc.placements}
        title={(p) => `${p.activity} (${p.organisation})`}
        facts={(p) => [
          ["course", course(p.courseId)],
          ["status", p.status],
          ["stopReason", p.stopReason],
          ["reasons", f.list(p.reasons)],
          ["createdBy", joined(f.staff(p.createdBy), f.at(p.createdAt))],
          ["events", lines(p.events.map((e) => joined(f.at(e.at), e.to, e.reason, f.staff(e.by))))],
        ]}
      />
    ),
    volunteerReferrals: (
      <Entries
        items={doc.volunteerReferrals}
        title={(v) => `${v.to} – ${f.at(v.createdAt)}`}
        facts={(v) => [
          ["course", course(v.courseId)],
          ["createdBy", f.staff(v.createdBy)],
          ["consentFields", f.list(v.consentFields)],
          [
            "shared",
            v.shared.length > 0
              ? lines(v.shared.map((s) => `${s.label}: ${s.value}`))
              : t("access.fields.sharedNothing"),
          ],
          ["status", v.status],
          ["matchKind", joined(v.matchKind, v.matchedActivity)],
          ["answer", v.answer],
          ["answeredBy", joined(f.staff(v.answeredBy), f.at(v.answeredAt))],
          ["matchEndedAt", f.at(v.matchEndedAt)],
          ["consentWithdrawnAt", joined(f.at(v.consentWithdrawnAt), f.staff(v.consentWithdrawnBy))],
        ]}
      />
    ),
    smallCommunities: (
      <Entries
        items={doc.smallCommunities}
        title={(c) => c.name}
        facts={(c) => [
          ["course", course(c.courseId)],
          ["status", c.status],
          ["meetingPlace", c.meetingPlace],
          ["host", f.staff(c.host)],
          ["joinedAt", f.at(c.joinedAt)],
          ["leftAt", f.at(c.leftAt)],
          ["otherMembers", t("access.page.otherMembers", { count: c.otherMembers })],
          [
            "meetings",
            lines(
              c.meetings.map((m) =>
                m.place
                  ? t("access.fields.meeting", { date: f.day(m.heldOn), place: m.place })
                  : f.day(m.heldOn),
              ),
            ),
          ],
        ]}
      />
    ),
    outcomeMeasurements: (
      <Entries
        items={doc.outcomeMeasurements}
        title={(o) => `${o.questionnaire} – ${o.phase}`}
        facts={(o) => [
          ["course", course(o.courseId)],
          ["dueOn", f.day(o.dueOn)],
          ["answeredAt", o.answeredAt ? joined(f.at(o.answeredAt), t("access.fields.answersAbove")) : null],
          ["outOfWindow", o.outOfWindow ? f.yesNo(true) : null],
        ]}
      />
    ),
    auditTrail: <AuditTrailTable doc={doc} f={f} />,
  };
}

type TrailRow = AccessExport["auditTrail"][number] & { n: number };

/** The trail as a table (many rows): each row a block on a phone, a line on paper. */
function AuditTrailTable({ doc, f }: { doc: AccessExport; f: ExportFormat }) {
  const { t } = f;
  const rows: TrailRow[] = doc.auditTrail.map((e, n) => ({ ...e, n }));
  const columns: Column<TrailRow>[] = [
    { key: "at", header: t("access.fields.at"), title: t("access.fields.at"), render: (e) => f.at(e.at) },
    {
      key: "by",
      header: t("access.fields.by"),
      title: t("access.fields.by"),
      render: (e) => f.staff(e.by) ?? t("access.fields.anonymous"),
    },
    {
      key: "action",
      header: t("access.fields.action"),
      title: t("access.fields.action"),
      render: (e) => `${e.action}: ${e.what}`,
    },
    {
      key: "details",
      header: t("access.fields.details"),
      title: t("access.fields.details"),
      render: (e) => e.details.map((d) => `${d.label}: ${d.value}`).join("; "),
    },
  ];
  return (
    <Table
      caption={t("access.categories.auditTrail")}
      captionHidden
      columns={columns}
      rows={rows}
      rowKey={(e) => String(e.n)}
      compact
    />
  );
}
