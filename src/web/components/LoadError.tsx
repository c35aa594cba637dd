import { useTranslation } from "react-i18next";
import { ApiError } from "../api/client";
import { Alert } from "./Alert";
import { Button } from "./Button";

/** A query that failed: the API's own message (already in the chosen language) and a retry. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const message = error instanceof ApiError ? error.message : t("common.unexpectedError");
  return (
    <Alert variant="error" heading={t("common.loadFailed")} className="my-5">
      <p>{message}</p>
      {onRetry ? (
        <Button variant="secondary" onClick={onRetry} icon="refresh">
          {t("common.retry")}
        </Button>
      ) : null}
    </Alert>
  );
}
