import { useTranslation } from "react-i18next";
import { ApiError } from "../api/client";
import { Alert } from "./Alert";

/** A write that failed: the API's own message under "not done". */
export function ActionError({ error }: { error: unknown }) {
  const { t } = useTranslation("courses");
  const { t: tc } = useTranslation();
  return (
    <Alert variant="error" heading={t("common.actionFailed")} headingLevel={3}>
      <p>{error instanceof ApiError ? error.message : tc("common.unexpectedError")}</p>
    </Alert>
  );
}
