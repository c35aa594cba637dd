/**
 * One referral to the volunteer centre as both sides see it: what the citizen agreed to share
 * (only those fields — nothing else reaches the centre), the coordinator's message, and the
 * centre's answer (the match it made, no match, or too complex for a volunteer).
 */
import type { ReactNode } from "react";
import { Link } from "react-router";
import { CONSENT_FIELDS } from "../../../../domain/vocabulary/placements";
import type { SharedCitizen } from "../../../../shared/api/placements";
import { useDates } from "../../../format";
import type { VolunteerReferral } from "../api";
import { Facts, type Fact } from "../ui";
import { type Words, useWords } from "../words";

function sharedValue(w: Words, field: (typeof CONSENT_FIELDS)[number], s: SharedCitizen): ReactNode {
  switch (field) {
    case "address":
      return s.address ? `${s.address.line}, ${s.address.postalCode} ${s.address.city}` : null;
    case "phone":
      return s.phone ? (
        <a href={`tel:${s.phone.replace(/\s/g, "")}`}>{s.phone}</a>
      ) : s.phone === null ? (
        w.t("refer.none")
      ) : null;
    case "ageGroup":
      return s.ageGroup ? w.t("refer.ageGroupText", { group: s.ageGroup }) : null;
    case "interests":
      return s.interests ? (s.interests.length > 0 ? w.list(s.interests) : w.t("refer.none")) : null;
    case "wishes":
      return s.wishes === undefined ? null : (s.wishes ?? w.t("refer.none"));
    case "availability":
      return s.availability
        ? s.availability.length > 0
          ? w.list(s.availability.map((x) => w.code("timeOfDay", x)))
          : w.t("refer.anyTime")
        : null;
    case "mobility":
      return s.mobility
        ? s.mobility.length > 0
          ? w.list(s.mobility.map((m) => w.code("mobility", m)))
          : w.t("refer.noMobilityNeeds")
        : null;
    default:
      return s[field] ?? null;
  }
}

export function referralTitle(w: Words, r: VolunteerReferral, day: (iso: string) => string): string {
  const name = [r.shared.firstName, r.shared.lastName].filter(Boolean).join(" ");
  return name || w.t("volunteer.unnamed", { date: day(r.createdAt.slice(0, 10)) });
}

export function ReferralCard({
  referral: r,
  headingLevel = 3,
  children,
}: {
  referral: VolunteerReferral;
  headingLevel?: 3 | 4;
  children?: ReactNode;
}) {
  const w = useWords();
  const { t } = w;
  const dates = useDates();
  const Heading = headingLevel === 3 ? "h3" : "h4";
  const shared: Fact[] = CONSENT_FIELDS.filter((f) => r.consentFields.includes(f)).map((f): Fact => [
    w.code("consentField", f),
    sharedValue(w, f, r.shared) ?? "–",
  ]);
  return (
    <li data-testid="volunteer-referral" data-status={r.status} data-id={r.id}>
      <Heading>
        {referralTitle(w, r, dates.day)}{" "}
        <span className={`status-tag volunteer-${r.status}`}>{w.code("volunteerStatus", r.status)}</span>
      </Heading>
      <p className="card-meta">
        <span>{t("volunteer.sentTo", { name: r.toOrganisation.name })}</span>
        <span>{t("volunteer.sentBy", { name: r.createdBy.name, at: dates.dateTime(r.createdAt) })}</span>
        {r.course ? <Link to={`/forloeb/${r.course.id}`}>{t("volunteer.toCourse")}</Link> : null}
      </p>
      {r.status === "withdrawn" ? (
        // Consent withdrawn (issue 13): nothing shared is left. The volunteer centre reads only that the
        // referral ended; the municipality also who recorded the withdrawal (withdrawnBy).
        <p className="summary-box" data-testid="referral-ended">
          {r.withdrawnBy
            ? t("volunteer.withdrawn", {
                at: r.withdrawnAt ? dates.dateTime(r.withdrawnAt) : "",
                name: r.withdrawnBy.name,
              })
            : t("volunteer.ended", { at: r.withdrawnAt ? dates.dateTime(r.withdrawnAt) : "" })}
        </p>
      ) : (
        <>
          <p className="catalog-why-heading">{t("volunteer.sharedHeading")}</p>
          <Facts rows={shared} testId="shared-fields" />
          <p className="catalog-why-heading">{t("volunteer.message")}</p>
          <p className="note-body" data-testid="referral-message">
            {r.message}
          </p>
        </>
      )}
      {r.answer ? (
        <div className="summary-box" data-testid="referral-answer">
          <p className="mb-0">
            <strong>
              {r.matchKind
                ? t("volunteer.answerMatched", { kind: w.code("matchKind", r.matchKind) })
                : w.code("volunteerStatus", r.status)}
              {r.matchedActivity ? (
                <>
                  {": "}
                  <Link to={`/katalog/aktiviteter/${r.matchedActivity.id}`}>{r.matchedActivity.title}</Link>
                </>
              ) : null}
            </strong>
          </p>
          {r.matchKind && r.status === "too_complex" ? (
            <p className="mb-0">{w.code("volunteerStatus", r.status)}</p>
          ) : null}
          <p className="note-body">{r.answer}</p>
          <p className="card-meta">
            {r.answeredBy ? <span>{r.answeredBy.name}</span> : null}
            {r.answeredAt ? <span>{dates.dateTime(r.answeredAt)}</span> : null}
          </p>
        </div>
      ) : null}
      {children}
    </li>
  );
}
