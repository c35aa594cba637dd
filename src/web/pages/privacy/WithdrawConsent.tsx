/**
 * "Borgeren har trukket samtykket tilbage" on the coordinator's view of a referral to the volunteer
 * centre (GDPR art. 7(3), issue 13 point 3): a button, then a confirmation step of its own that says
 * plainly what happens — the shared data is deleted at once and the volunteer centre learns only that
 * the referral ended, not why. Withdrawing must be as easy as consenting, so no reason is asked.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { VolunteerReferral } from "../../../shared/api/placements";
import { api } from "../../api/client";
import { ActionError } from "../../components/ActionError";
import { Button } from "../../components/Button";
import { useFocusWhenOpened } from "../../components/focus";
import { useWrite } from "../../forms/useWrite";
import "./rights.css";

const withdrawConsent = (id: string, idempotencyKey: string) =>
  api.post<VolunteerReferral>(`/volunteer-referrals/${id}/withdraw-consent`, undefined, idempotencyKey);

export function WithdrawConsent({ referral }: { referral: VolunteerReferral }) {
  const { t } = useTranslation("privacy");
  const client = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const write = useWrite((id: string, key: string) => withdrawConsent(id, key), {
    onSuccess: () => {
      setConfirming(false);
      // The course's referrals, the volunteer centre's lists and the citizen's timeline change with it.
      void client.invalidateQueries({ queryKey: ["volunteer-referrals"] });
      if (referral.course)
        void client.invalidateQueries({ queryKey: ["citizen", referral.course.citizenId] });
    },
  });
  if (referral.status === "withdrawn") return null;
  return (
    <div className="mt-4">
      {confirming ? (
        <Confirmation
          centre={referral.toOrganisation.name}
          pending={write.isPending}
          onYes={() => write.mutate(referral.id)}
          onCancel={() => setConfirming(false)}
        />
      ) : (
        <div className="card-buttons">
          <Button variant="secondary" icon="close" onClick={() => setConfirming(true)}>
            {t("rights.consent.open")}
          </Button>
        </div>
      )}
      {write.isError ? <ActionError error={write.error} /> : null}
    </div>
  );
}

function Confirmation({
  centre,
  pending,
  onYes,
  onCancel,
}: {
  centre: string;
  pending: boolean;
  onYes: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation("privacy");
  const headingId = "withdraw-consent-heading";
  useFocusWhenOpened(headingId);
  return (
    <div className="privacy-confirm" role="group" aria-labelledby={headingId}>
      <h4 id={headingId} tabIndex={-1}>
        {t("rights.consent.confirm.heading", { centre })}
      </h4>
      <p>{t("rights.consent.confirm.text")}</p>
      <div className="action-row">
        <Button variant="warning" icon="lock" pending={pending} onClick={onYes}>
          {t("rights.consent.confirm.yes")}
        </Button>
        <Button variant="secondary" icon="close" disabled={pending} onClick={onCancel}>
          {t("rights.consent.confirm.cancel")}
        </Button>
      </div>
    </div>
  );
}
