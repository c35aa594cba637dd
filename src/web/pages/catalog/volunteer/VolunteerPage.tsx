/**
 * "Henvisninger til frivilligcenteret" (/frivillig). The volunteer centre's staff see their own
 * referrals — only what each citizen agreed to share — and answer them, and keep their
 * associations' catalog entries up to date. Coordinators and managers see every referral with
 * its answer and the municipality's share matched (Holstebro: 27 of 36, 75 %).
 */
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { VOLUNTEER_REFERRAL_STATUSES } from "../../../../domain/vocabulary/placements";
import { useCan, useMe } from "../../../app/session";
import { Alert } from "../../../components/Alert";
import { Button } from "../../../components/Button";
import { SelectField } from "../../../components/Field";
import { LoadError } from "../../../components/LoadError";
import { PageHeading } from "../../../components/Page";
import { Spinner } from "../../../components/Spinner";
import { type VolunteerReferral, afproevApi, catalogKeys } from "../api";
import { useWords } from "../words";
import { AnswerForm } from "./AnswerForm";
import { ManagedOrganisations } from "./ManagedOrganisations";
import { ReferralCard } from "./ReferralCard";
import { VolunteerStatsBox } from "./VolunteerStatsBox";
import "../catalog.css";

export default function VolunteerPage() {
  const { t, code } = useWords();
  const can = useCan();
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const volunteer = me?.role === "volunteer_centre_staff";
  const raw = params.get("status");
  const status = raw && (VOLUNTEER_REFERRAL_STATUSES as readonly string[]).includes(raw) ? raw : null;
  const referrals = useQuery({
    queryKey: catalogKeys.referrals(status),
    queryFn: ({ signal }) => afproevApi.referrals({ status }, signal),
  });
  const title = volunteer ? t("volunteer.title") : t("volunteer.titleMunicipality");
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <p className="font-lead">{volunteer ? t("volunteer.intro") : t("volunteer.introMunicipality")}</p>
      {can({ kind: "volunteerReferral.stats" }) ? <VolunteerStatsBox /> : null}
      <section aria-labelledby="referrals-heading" className="mt-6">
        <h2 id="referrals-heading">{t("volunteer.listHeading")}</h2>
        <SelectField
          id="referral-status"
          label={t("volunteer.statusFilter")}
          value={status ?? ""}
          onChange={(v) => setParams(v ? { status: v } : {}, { preventScrollReset: true })}
          emptyOption={t("volunteer.allStatuses")}
          options={VOLUNTEER_REFERRAL_STATUSES.map((s) => ({ value: s, label: code("volunteerStatus", s) }))}
        />
        {referrals.isPending ? <Spinner /> : null}
        {referrals.error ? (
          <LoadError error={referrals.error} onRetry={() => void referrals.refetch()} />
        ) : null}
        {referrals.data ? (
          <p className="result-count" aria-live="polite" aria-atomic="true">
            {referrals.data.length === 0
              ? t("volunteer.none")
              : t("volunteer.count", { count: referrals.data.length })}
          </p>
        ) : null}
        {referrals.data && referrals.data.length > 0 ? (
          <ul className="card-list" data-testid="volunteer-referrals">
            {referrals.data.map((r) => (
              <AnswerableReferral key={r.id} referral={r} />
            ))}
          </ul>
        ) : null}
      </section>
      {volunteer ? <ManagedOrganisations /> : null}
    </>
  );
}

/** A referral with the answer form for the centre it was sent to (while it can still be answered). */
function AnswerableReferral({ referral }: { referral: VolunteerReferral }) {
  const { t } = useWords();
  const can = useCan();
  const [open, setOpen] = useState(false);
  const [answered, setAnswered] = useState(false);
  const mayAnswer =
    can({ kind: "volunteerReferral.answer", toOrganisationId: referral.toOrganisation.id }) &&
    (referral.status === "sent" || referral.status === "matched");
  return (
    <ReferralCard referral={referral}>
      {answered ? <Alert variant="success" heading={t("answer.saved")} headingLevel={3} /> : null}
      {mayAnswer ? (
        <div className="card-buttons">
          <Button
            variant={referral.status === "sent" ? "primary" : "secondary"}
            aria-expanded={open}
            onClick={() => (setAnswered(false), setOpen(!open))}
          >
            {referral.status === "sent" ? t("answer.open") : t("answer.openReport")}
          </Button>
        </div>
      ) : null}
      {open && mayAnswer ? (
        <AnswerForm referral={referral} onDone={() => (setOpen(false), setAnswered(true))} />
      ) : null}
    </ReferralCard>
  );
}
