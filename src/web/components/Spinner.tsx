import { useTranslation } from "react-i18next";

export function Spinner({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="spinner-box my-5">
      <div className="spinner" aria-hidden="true" />
      <div className="spinner-status" role="status">
        {label ?? t("common.loading")}
      </div>
    </div>
  );
}
