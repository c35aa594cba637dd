/**
 * The period and scope of the reports: quick choices (links, so they work at once and are
 * real addresses), two dates, and the scope — the whole municipality, one provider or one
 * district. A private provider's staff always see their own organisation (the API decides
 * that too), so they get no scope picker.
 */
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { adminApi, keys } from "../../api/endpoints";
import { useMe } from "../../app/session";
import { Button } from "../../components/Button";
import { RadioGroup } from "../../components/Choices";
import { ErrorSummary } from "../../components/ErrorSummary";
import { SelectField, TextField } from "../../components/Field";
import { useDates } from "../../format";
import { summaryItems, useForm } from "../../forms/useForm";
import type { ReportQuery } from "./api";
import { QUICK_PERIODS, isIsoDay, paramsFromReportQuery, quickPeriod, quickPeriodOf, today } from "./period";

type Scope = "municipality" | "provider" | "district";

export function useScopeLists() {
  const organisations = useQuery({
    queryKey: keys.organisations,
    queryFn: ({ signal }) => adminApi.organisations(signal),
    staleTime: 300_000,
  });
  const districts = useQuery({
    queryKey: keys.districts,
    queryFn: ({ signal }) => adminApi.districts(signal),
    staleTime: 300_000,
  });
  const providers = (organisations.data ?? []).filter(
    (o) => o.kind === "public_provider" || o.kind === "private_provider",
  );
  return { providers, districts: districts.data ?? [] };
}

/** "1. jan. 2026 – 23. nov. 2026 · Distrikt Nord": what the figures below cover. */
export function useScopeText() {
  const { t } = useTranslation("reports");
  const dates = useDates();
  const { data: me } = useMe();
  const lists = useScopeLists();
  return (q: ReportQuery) => {
    const period = t("filters.periodText", { from: dates.day(q.from), to: dates.day(q.to) });
    const names: string[] = [];
    if (me?.organisation.kind === "private_provider") names.push(me.organisation.name);
    else if (q.providerId)
      names.push(lists.providers.find((p) => p.id === q.providerId)?.name ?? t("filters.provider"));
    if (q.districtId)
      names.push(lists.districts.find((d) => d.id === q.districtId)?.name ?? t("filters.district"));
    return `${period} · ${names.length > 0 ? names.join(", ") : t("filters.municipality")}`;
  };
}

export function ReportFilters({
  query,
  pathname,
  onApply,
}: {
  query: ReportQuery;
  pathname: string;
  onApply: (next: ReportQuery) => void;
}) {
  const { t } = useTranslation("reports");
  const { t: tc } = useTranslation();
  const { data: me } = useMe();
  const lists = useScopeLists();
  const ownProvider = me?.organisation.kind === "private_provider";
  const day = today();
  const current = quickPeriodOf(query, day);
  const form = useForm({
    from: query.from,
    to: query.to,
    scope: (query.providerId ? "provider" : query.districtId ? "district" : "municipality") as Scope,
    providerId: query.providerId ?? "",
    districtId: query.districtId ?? "",
  });
  const { values, set, errors } = form;
  const [open, setOpen] = useState(false);

  const fields = [
    { name: "from", inputId: "report-from", label: t("filters.from") },
    { name: "to", inputId: "report-to", label: t("filters.to") },
    { name: "providerId", inputId: "report-provider", label: t("filters.provider") },
    { name: "districtId", inputId: "report-district", label: t("filters.district") },
  ];

  function submit(e: FormEvent) {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (!isIsoDay(values.from)) found.from = t("filters.errors.date");
    if (!isIsoDay(values.to)) found.to = t("filters.errors.date");
    if (!found.from && !found.to && values.from > values.to) found.to = t("filters.errors.order");
    if (!ownProvider && values.scope === "provider" && !values.providerId)
      found.providerId = t("filters.errors.provider");
    if (!ownProvider && values.scope === "district" && !values.districtId)
      found.districtId = t("filters.errors.district");
    if (Object.keys(found).length > 0) return form.fail(found);
    form.clear();
    onApply({
      from: values.from,
      to: values.to,
      providerId: !ownProvider && values.scope === "provider" ? values.providerId : undefined,
      districtId: !ownProvider && values.scope === "district" ? values.districtId : undefined,
    });
    setOpen(false);
  }

  const quickLinks = (
    <div className="report-quick">
      <p className="report-quick-label" id="report-quick-label">
        {t("filters.quick")}
      </p>
      <ul className="nobullet-list" aria-labelledby="report-quick-label">
        {QUICK_PERIODS.map((key) => {
          const p = quickPeriod(key, day);
          const to = `${pathname}?${paramsFromReportQuery({ ...query, ...p }).toString()}`;
          return (
            <li key={key}>
              <Link
                to={to}
                preventScrollReset
                className={key === current ? "report-quick-current" : undefined}
                aria-current={key === current ? "true" : undefined}
              >
                {t(`filters.quickPeriod.${key}`)}
              </Link>
            </li>
          );
        })}
      </ul>
    </div>
  );

  return (
    <div className="report-filters">
      {quickLinks}
      <details
        className="details report-filter-details"
        open={open}
        onToggle={(e) => setOpen(e.currentTarget.open)}
      >
        <summary className="details-summary">
          <span className="details-summary-text">{t("filters.choose")}</span>
        </summary>
        <form onSubmit={submit} noValidate aria-label={t("filters.label")} className="details-text">
          <ErrorSummary items={summaryItems(fields, errors)} attempt={form.attempt} />
          <div className="report-row">
            <TextField
              id="report-from"
              type="date"
              label={t("filters.from")}
              value={values.from}
              onChange={set("from")}
              error={errors.from}
              width="input-width-s"
            />
            <TextField
              id="report-to"
              type="date"
              label={t("filters.to")}
              value={values.to}
              onChange={set("to")}
              error={errors.to}
              width="input-width-s"
            />
          </div>
          {ownProvider ? (
            <p className="mt-5">{t("filters.ownProvider", { name: me?.organisation.name ?? "" })}</p>
          ) : (
            <>
              <RadioGroup
                id="report-scope"
                legend={t("filters.scope")}
                value={values.scope}
                onChange={(v) => set("scope")(v as Scope)}
                choices={(["municipality", "provider", "district"] as const).map((s) => ({
                  value: s,
                  label: t(`filters.${s}`),
                }))}
              />
              {values.scope === "provider" ? (
                <SelectField
                  id="report-provider"
                  label={t("filters.provider")}
                  value={values.providerId}
                  onChange={set("providerId")}
                  emptyOption={t("filters.chooseOption")}
                  error={errors.providerId}
                  options={lists.providers.map((o) => ({
                    value: o.id,
                    label: o.active ? o.name : `${o.name} (${tc("common.inactive")})`,
                  }))}
                />
              ) : null}
              {values.scope === "district" ? (
                <SelectField
                  id="report-district"
                  label={t("filters.district")}
                  value={values.districtId}
                  onChange={set("districtId")}
                  emptyOption={t("filters.chooseOption")}
                  error={errors.districtId}
                  options={lists.districts.map((d) => ({
                    value: d.id,
                    label: d.active ? d.name : `${d.name} (${tc("common.inactive")})`,
                  }))}
                />
              ) : null}
            </>
          )}
          <div className="action-row">
            <Button type="submit" icon="analytics">
              {t("filters.apply")}
            </Button>
          </div>
        </form>
      </details>
    </div>
  );
}
