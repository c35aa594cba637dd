import { useTranslation } from "react-i18next";

/** Placeholder until its helper lands it (issue 14). */
export function ExchangeSection() {
  const { t } = useTranslation("careRecord");
  return (
    <section className="mt-8">
      <h2>{t("exchange.title")}</h2>
    </section>
  );
}
