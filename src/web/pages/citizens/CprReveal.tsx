/**
 * The masked CPR (DDMMYY-XXXX) and, for roles the shared policy allows, a "Vis CPR" button.
 * Revealing is a logged API call; the full number stays only in this component's memory.
 */
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import { citizensApi } from "../../api/endpoints";
import { Button } from "../../components/Button";

export function CprReveal({
  citizenId,
  masked,
  allowed,
}: {
  citizenId: string;
  masked: string;
  allowed: boolean;
}) {
  const { t } = useTranslation();
  const [full, setFull] = useState<string | null>(null);
  const reveal = useMutation({
    mutationFn: () => citizensApi.revealCpr(citizenId),
    onSuccess: (r) => setFull(r.cpr),
  });

  return (
    <span className="cpr-reveal">
      <span className="cpr" aria-live="polite" data-testid="cpr-value">
        {full ?? masked}
      </span>
      {allowed ? (
        full ? (
          <Button variant="function-link" icon="visibility-off" onClick={() => setFull(null)}>
            {t("cpr.hide")}
          </Button>
        ) : (
          <Button
            variant="function-link"
            icon="visibility"
            onClick={() => reveal.mutate()}
            pending={reveal.isPending}
          >
            {t("cpr.show")}
          </Button>
        )
      ) : null}
      {reveal.error ? (
        <span className="form-error-message d-block" role="alert">
          {reveal.error instanceof ApiError ? reveal.error.message : t("common.unexpectedError")}
        </span>
      ) : null}
    </span>
  );
}
