/**
 * The pieces of the access document (issue 13 point 1): facts as a definition list, one entry per
 * record, and the categories of the register and detection side. The values arrive in words from
 * the server (shared/api/privacy-access.ts); only captions, dates and "yes/no" are made here.
 */
import { Fragment, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { AccessExport, ExportStaff } from "../../../shared/api/privacy-access";
import { useDates } from "../../format";

/** One fact: a caption key under access.fields and the value (left out when empty). */
export type Fact = [field: string, value: ReactNode];

export function useExportFormat() {
  const { t } = useTranslation("privacy");
  const dates = useDates();
  return {
    t,
    at: (iso: string | null | undefined) => (iso ? dates.dateTime(iso) : null),
    day: (d: string | null | undefined) => (d ? dates.day(d) : null),
    staff: (s: ExportStaff | null | undefined) =>
      s ? (s.role ? t("access.page.staff", { name: s.name, role: s.role }) : s.name) : null,
    yesNo: (b: boolean | null | undefined) =>
      b === null || b === undefined ? null : t(b ? "access.page.yes" : "access.page.no"),
    list: (xs: readonly string[]) => (xs.length > 0 ? xs.join(", ") : null),
  };
}
export type ExportFormat = ReturnType<typeof useExportFormat>;

const isEmpty = (v: ReactNode) =>
  v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0);

export function Facts({ facts }: { facts: Fact[] }) {
  const { t } = useTranslation("privacy");
  const shown = facts.filter(([, v]) => !isEmpty(v));
  if (shown.length === 0) return null;
  return (
    <dl className="access-facts">
      {shown.map(([field, value]) => (
        <Fragment key={field}>
          <dt>{t(`access.fields.${field}`)}</dt>
          <dd>{value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

/** The records of one category, each with a heading (h3) and its facts. */
export function Entries<T>({
  items,
  title,
  facts,
}: {
  items: readonly T[];
  title: (item: T) => ReactNode;
  facts: (item: T) => Fact[];
}) {
  return (
    <ol className="access-entries">
      {items.map((item, i) => (
        <li key={i} className="access-entry">
          <h3>{title(item)}</h3>
          <Facts facts={facts(item)} />
        </li>
      ))}
    </ol>
  );
}

/** Lines of a history (events of a referral, a course, a placement), oldest first; null when none. */
export function lines(items: readonly ReactNode[]): ReactNode {
  if (items.length === 0) return null;
  return (
    <ul className="access-lines">
      {items.map((line, i) => (
        <li key={i}>{line}</li>
      ))}
    </ul>
  );
}

export const joined = (...parts: (ReactNode | null | undefined)[]) =>
  parts.filter((p) => !isEmpty(p)).join(" · ");

export function CitizenFacts({ doc, f }: { doc: AccessExport; f: ExportFormat }) {
  const c = doc.citizen;
  return (
    <Facts
      facts={[
        ["name", c.name],
        ["cpr", c.cpr],
        ["birthDate", f.day(c.birthDate)],
        ["address", `${c.address.line}, ${c.address.postalCode} ${c.address.city}`],
        ["phone", c.phone],
        ["homeCareProvider", c.homeCareProvider],
        ["district", c.district],
        ["homeCareSince", f.day(c.homeCareSince)],
        ["inTargetGroup", f.yesNo(c.inTargetGroup)],
        ["addressGeocoded", f.yesNo(c.addressGeocoded)],
        ["restricted", f.yesNo(c.restricted)],
        ["createdAt", f.at(c.createdAt)],
        ["updatedAt", f.at(c.updatedAt)],
      ]}
    />
  );
}

/** The register side: everything about the citizen that does not hang on a course. */
export function registerCategories(doc: AccessExport, f: ExportFormat): Record<string, ReactNode> {
  const { t } = f;
  return {
    corrections: (
      <Entries
        items={doc.corrections}
        title={(c) => f.at(c.at)}
        facts={(c) => [
          ["by", f.staff(c.by)],
          ["reason", c.reason],
          ["changes", lines(c.changes.map((x) => t("access.fields.change", x)))],
        ]}
      />
    ),
    restrictions: (
      <Entries
        items={doc.restrictions}
        title={(r) => f.at(r.restrictedAt)}
        facts={(r) => [
          ["by", f.staff(r.restrictedBy)],
          ["reason", r.reason],
          ["liftedAt", joined(f.at(r.liftedAt), f.staff(r.liftedBy))],
          ["liftReason", r.liftReason],
        ]}
      />
    ),
    contacts: (
      <Entries
        items={doc.contacts}
        title={(c) => `${c.name} (${c.kind})`}
        facts={(c) => [
          ["relation", c.relation],
          ["phone", c.phone],
          ["organisation", c.organisation],
          ["primary", c.primary ? f.yesNo(true) : null],
          ["createdAt", f.at(c.createdAt)],
        ]}
      />
    ),
    targetGroupChanges: (
      <Entries
        items={doc.targetGroupChanges}
        title={(c) => f.at(c.at)}
        facts={(c) => [
          ["inTargetGroup", f.yesNo(c.inTargetGroup)],
          ["reason", c.reason],
          ["note", c.note],
          ["by", f.staff(c.by)],
        ]}
      />
    ),
    screenings: (
      <Entries
        items={doc.screenings}
        title={(s) => `${s.questionnaire} – ${f.at(s.at)}`}
        facts={(s) => [
          ["purpose", s.purpose],
          ["performedBy", joined(f.staff(s.performedBy), s.organisation)],
          ["answers", lines(s.answers.map((a) => `${a.question} ${a.answer}`))],
          ["scores", f.list(s.scores.map((x) => `${x.label}: ${x.value}`))],
          ["outcome", joined(s.outcome, s.colour)],
          ["exclusionReason", s.exclusionReason],
          ["consent", s.consent],
        ]}
      />
    ),
    journalNotes: (
      <Entries
        items={doc.journalNotes}
        title={(n) => `${n.title} – ${f.at(n.at)}`}
        facts={(n) => [
          ["kind", n.kind],
          ["body", <span className="access-pre">{n.body}</span>],
          ["tags", f.list(n.tags)],
          ["active", n.active ? f.yesNo(true) : null],
          ["author", joined(f.staff(n.author), n.organisation)],
        ]}
      />
    ),
    triageDecisions: (
      <Entries
        items={doc.triageDecisions}
        title={(d) => `${d.district} – ${f.day(d.meetingOn)}`}
        facts={(d) => [
          ["colour", d.colour],
          ["decision", d.decision],
          ["decidedBy", f.staff(d.decidedBy)],
        ]}
      />
    ),
    detectionClips: (
      <Entries
        items={doc.detectionClips}
        title={(c) => f.day(c.plannedOn)}
        facts={(c) => [
          ["minutes", c.minutes],
          ["status", c.status],
          ["worker", f.staff(c.worker)],
          ["grantedBy", f.staff(c.grantedBy)],
          ["doneAt", f.at(c.doneAt)],
        ]}
      />
    ),
    referrals: (
      <Entries
        items={doc.referrals}
        title={(r) => `${r.receiptNumber} – ${f.at(r.createdAt)}`}
        facts={(r) => [
          ["reason", <span className="access-pre">{r.reason}</span>],
          ["source", joined(r.source, r.channel)],
          ["from", joined(r.from, r.referrerName, f.staff(r.createdBy))],
          ["to", r.to],
          ["subject", joined(r.subject.name, r.subject.address, r.subject.phone, r.subject.cpr)],
          ["status", r.status],
          [
            "events",
            lines(r.events.map((e) => joined(f.at(e.at), e.step ?? e.to, e.message, f.staff(e.by)))),
          ],
        ]}
      />
    ),
  };
}
