/**
 * "Udskriv aktivitetsliste": a one-page, large-print list of activities in an area (postal
 * codes) or near a citizen's home, grouped by theme (Amager's one-page list, seed 001). The
 * choice is kept in the URL; "Udskriv" opens the browser's print (or "save as PDF"), and the
 * print stylesheet leaves out everything but the list.
 */
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useSearchParams } from "react-router";
import { DEFAULT_PRINT_RADIUS_KM } from "../../../../shared/api/catalog";
import { citizensApi, keys } from "../../../api/endpoints";
import { useCan } from "../../../app/session";
import { Button } from "../../../components/Button";
import { CitizenPicker } from "../../../components/CitizenPicker";
import { SelectField, TextField } from "../../../components/Field";
import { LoadError } from "../../../components/LoadError";
import { PageHeading } from "../../../components/Page";
import { Spinner } from "../../../components/Spinner";
import { useDates } from "../../../format";
import { useLocalText } from "../../../i18n/useLocalText";
import { type PrintArea, type PrintList, catalogApi, catalogKeys } from "../api";
import { BackLink } from "../ui";
import { useWords } from "../words";
import { PrintEntry } from "./PrintEntry";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RADII = [1, 2, 5, 10, 20] as const;
/** What fits one A4 page in large print (three lines each, two columns). */
const ONE_PAGE = 14;

function areaFromParams(params: URLSearchParams): PrintArea | null {
  const postal = (params.get("postnr") ?? "").split(",").filter((s) => /^\d{4}$/.test(s));
  const near = params.get("naer");
  const radius = Number(params.get("radius"));
  if (near && UUID.test(near))
    return {
      nearCitizenId: near,
      radiusKm: (RADII as readonly number[]).includes(radius) ? radius : DEFAULT_PRINT_RADIUS_KM,
      limit: ONE_PAGE,
    };
  if (postal.length > 0) return { postalCode: postal.join(","), limit: ONE_PAGE };
  return null;
}

export default function PrintPage() {
  const { t } = useWords();
  const [params, setParams] = useSearchParams();
  const area = areaFromParams(params);
  const list = useQuery({
    queryKey: catalogKeys.print(area ?? {}),
    queryFn: ({ signal }) => catalogApi.print(area!, signal),
    enabled: area !== null,
  });
  return (
    <div className="catalog-print-page">
      <div className="d-print-none">
        <BackLink to="/katalog">{t("search.title")}</BackLink>
        <PageHeading title={t("print.title")}>{t("print.title")}</PageHeading>
        <p className="font-lead">{t("print.intro")}</p>
        <AreaForm area={area} onChoose={(p) => setParams(p, { preventScrollReset: true })} />
      </div>
      {list.isFetching && !list.data ? <Spinner /> : null}
      {list.error ? <LoadError error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data && area ? <PrintSheet list={list.data} area={area} /> : null}
    </div>
  );
}

function AreaForm({
  area,
  onChoose,
}: {
  area: PrintArea | null;
  onChoose: (params: URLSearchParams) => void;
}) {
  const { t } = useWords();
  const can = useCan();
  const [postal, setPostal] = useState(area?.postalCode?.replace(/,/g, " ") ?? "");
  const [radius, setRadius] = useState(String(area?.radiusKm ?? DEFAULT_PRINT_RADIUS_KM));
  const [error, setError] = useState<string | undefined>();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const codes = postal.split(/[\s,;]+/).filter(Boolean);
    if (codes.length === 0 || codes.some((c) => !/^\d{4}$/.test(c)))
      return setError(t("print.errors.postalCode"));
    setError(undefined);
    onChoose(new URLSearchParams({ postnr: codes.join(",") }));
  };
  return (
    <>
      <form onSubmit={submit} noValidate aria-label={t("print.areaLabel")} className="filter-bar">
        <TextField
          id="print-postal"
          label={t("print.byPostalCode")}
          hint={t("search.postalCodeHint")}
          inputMode="numeric"
          width="input-width-s"
          value={postal}
          onChange={setPostal}
          error={error}
        />
        <Button type="submit" icon="list-bulleted">
          {t("print.show")}
        </Button>
      </form>
      {can({ kind: "citizen.list" }) ? (
        <details className="catalog-details mt-5" open={!!area?.nearCitizenId}>
          <summary>{t("print.byCitizen")}</summary>
          <SelectField
            id="print-radius"
            label={t("print.radius")}
            value={radius}
            onChange={(r) => (
              setRadius(r),
              area?.nearCitizenId && onChoose(new URLSearchParams({ naer: area.nearCitizenId, radius: r }))
            )}
            options={RADII.map((r) => ({ value: String(r), label: t("search.withinKm", { km: r }) }))}
          />
          <CitizenPicker
            id="print-near"
            value={area?.nearCitizenId ?? ""}
            onChange={(id) => onChoose(new URLSearchParams({ naer: id, radius }))}
          />
        </details>
      ) : null}
    </>
  );
}

/** The sheet itself: large print, grouped by theme, each with when, where, phone, price and access. */
function PrintSheet({ list, area }: { list: PrintList; area: PrintArea }) {
  const w = useWords();
  const { t } = w;
  const dates = useDates();
  const local = useLocalText();
  const citizen = useQuery({
    queryKey: keys.citizen(area.nearCitizenId ?? ""),
    queryFn: ({ signal }) => citizensApi.get(area.nearCitizenId!, signal),
    enabled: !!area.nearCitizenId,
  });
  const where = area.nearCitizenId
    ? t("print.nearAddress", {
        address: citizen.data
          ? `${citizen.data.addressLine}, ${citizen.data.postalCode} ${citizen.data.city}`
          : "…",
        km: list.area.radiusKm ?? area.radiusKm,
      })
    : t("print.inPostalCodes", { codes: w.list(list.area.postalCodes ?? []) });
  return (
    <section className="catalog-print" aria-labelledby="print-sheet-heading" data-testid="print-sheet">
      <div className="action-row d-print-none">
        <Button icon="print" onClick={() => window.print()}>
          {t("print.print")}
        </Button>
      </div>
      <h2 id="print-sheet-heading" className="catalog-print-title">
        {t("print.sheetTitle")}
      </h2>
      <p className="catalog-print-sub">
        {where} · {t("print.generated", { date: dates.day(list.generatedOn) })}
      </p>
      {list.total === 0 ? <p>{t("print.none")}</p> : null}
      {list.shown < list.total ? (
        <p className="catalog-print-sub">{t("print.shownOf", { shown: list.shown, total: list.total })}</p>
      ) : null}
      <div className="catalog-print-groups">
        {list.groups.map((g) => (
          <div key={g.theme?.id ?? "none"} className="catalog-print-group">
            <h3 lang={g.theme ? local(g.theme.label).lang : undefined}>
              {g.theme ? local(g.theme.label).text : t("print.otherTheme")}
            </h3>
            <ul className="catalog-print-list">
              {g.activities.map((a) => (
                <PrintEntry key={a.id} item={a} />
              ))}
            </ul>
          </div>
        ))}
      </div>
    </section>
  );
}
