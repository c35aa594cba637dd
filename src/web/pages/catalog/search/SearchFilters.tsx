/**
 * The catalog's filters: theme and interest (the municipality's taxonomy), weekday, time of
 * day, accessibility, free only, group size, kind of place, area (postal codes) and distance
 * from a citizen's home. Each change is applied at once and kept in the URL.
 */
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ACCESSIBILITY_FEATURES } from "../../../../domain/course/vocabulary";
import { GROUP_SIZES, PLACE_KINDS, TIMES_OF_DAY } from "../../../../domain/matching/types";
import { citizensApi, keys } from "../../../api/endpoints";
import { useCan } from "../../../app/session";
import { Button } from "../../../components/Button";
import { CheckboxList } from "../../../components/Choices";
import { CitizenPicker } from "../../../components/CitizenPicker";
import { Checkbox, SelectField, TextField } from "../../../components/Field";
import type { ActivitySearch } from "../api";
import { useTaxonomy, useWords } from "../words";
import { DISTANCES, WEEKDAYS, toggleIn } from "./search-params";

const has = (list: string | undefined, value: string | number) =>
  (list ?? "").split(",").includes(String(value));

export function SearchFilters({
  search,
  go,
}: {
  search: ActivitySearch;
  go: (next: ActivitySearch) => void;
}) {
  const w = useWords();
  const { t } = w;
  const { taxonomy } = useTaxonomy();
  const set = (patch: Partial<ActivitySearch>) => go({ ...search, ...patch, page: 1 });
  const interests = (taxonomy?.interests ?? []).filter((i) => !search.theme || i.theme === search.theme);
  return (
    <div className="catalog-filter-grid">
      <div className="catalog-filter-selects">
        {taxonomy ? (
          <>
            <SelectField
              id="filter-theme"
              label={t("search.theme")}
              value={search.theme ?? ""}
              onChange={(v) => set({ theme: v || undefined, interest: undefined })}
              emptyOption={t("search.allThemes")}
              options={taxonomy.themes.map((th) => ({ value: th.id, label: w.theme(th.id) }))}
            />
            <SelectField
              id="filter-interest"
              label={t("search.interest")}
              value={search.interest ?? ""}
              onChange={(v) => set({ interest: v || undefined })}
              emptyOption={t("search.allInterests")}
              options={interests.map((i) => ({ value: i.id, label: w.interest(i.id) }))}
            />
          </>
        ) : null}
        <SelectField
          id="filter-group"
          label={t("search.groupSize")}
          value={search.groupSize ?? ""}
          onChange={(v) => set({ groupSize: v || undefined })}
          emptyOption={t("search.any")}
          options={GROUP_SIZES.map((g) => ({ value: g, label: w.code("groupSize", g) }))}
        />
        <SelectField
          id="filter-place"
          label={t("search.placeKind")}
          value={search.placeKind ?? ""}
          onChange={(v) => set({ placeKind: v || undefined })}
          emptyOption={t("search.any")}
          options={PLACE_KINDS.map((k) => ({ value: k, label: w.code("placeKind", k) }))}
        />
      </div>
      <CheckboxList
        id="filter-weekday"
        legend={t("search.weekday")}
        choices={WEEKDAYS.map((d) => ({ value: String(d), label: w.weekdayLabel(d) }))}
        checked={(v) => has(search.weekday, v)}
        onChange={(v, on) => set({ weekday: toggleIn(search.weekday, v, on) })}
      />
      <CheckboxList
        id="filter-time"
        legend={t("search.timeOfDay")}
        choices={TIMES_OF_DAY.map((x) => ({ value: x, label: w.code("timeOfDay", x) }))}
        checked={(v) => has(search.timeOfDay, v)}
        onChange={(v, on) => set({ timeOfDay: toggleIn(search.timeOfDay, v, on) })}
      />
      <CheckboxList
        id="filter-access"
        legend={t("search.accessibility")}
        hint={t("search.accessibilityHint")}
        choices={ACCESSIBILITY_FEATURES.map((f) => ({ value: f, label: w.code("accessibility", f) }))}
        checked={(v) => has(search.accessibility, v)}
        onChange={(v, on) => set({ accessibility: toggleIn(search.accessibility, v, on) })}
      />
      <div>
        <Checkbox
          id="filter-free"
          label={t("search.freeOnly")}
          checked={search.free === true}
          onChange={(on) => set({ free: on || undefined })}
        />
        <AreaFilter search={search} set={set} />
      </div>
    </div>
  );
}

/** Postal codes (typed, applied on "Brug") and the distance from a citizen's home. */
function AreaFilter({
  search,
  set,
}: {
  search: ActivitySearch;
  set: (patch: Partial<ActivitySearch>) => void;
}) {
  const { t } = useWords();
  const can = useCan();
  const [postal, setPostal] = useState(search.postalCode?.replace(/,/g, " ") ?? "");
  const [picking, setPicking] = useState(false);
  const citizen = useQuery({
    queryKey: keys.citizen(search.nearCitizenId ?? ""),
    queryFn: ({ signal }) => citizensApi.get(search.nearCitizenId!, signal),
    enabled: !!search.nearCitizenId,
  });
  const applyPostal = () =>
    set({
      postalCode:
        postal
          .split(/[\s,;]+/)
          .filter((s) => /^\d{4}$/.test(s))
          .join(",") || undefined,
    });
  return (
    <>
      <div className="filter-bar">
        <TextField
          id="filter-postal"
          label={t("search.postalCode")}
          hint={t("search.postalCodeHint")}
          inputMode="numeric"
          autoComplete="postal-code"
          value={postal}
          onChange={setPostal}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              applyPostal();
            }
          }}
          width="input-width-s"
        />
        <Button variant="secondary" onClick={applyPostal}>
          {t("search.apply")}
        </Button>
      </div>
      {can({ kind: "citizen.list" }) ? (
        <div className="mt-5">
          {search.nearCitizenId ? (
            <>
              <p className="mb-0" data-testid="near-citizen">
                {t("search.nearCitizen", { name: citizen.data?.name ?? "…" })}
              </p>
              <SelectField
                id="filter-km"
                label={t("search.maxKm")}
                value={search.maxKm ? String(search.maxKm) : ""}
                onChange={(v) => set({ maxKm: v ? Number(v) : undefined })}
                emptyOption={t("search.anyDistance")}
                options={DISTANCES.map((d) => ({ value: String(d), label: t("search.withinKm", { km: d }) }))}
              />
              <Button
                variant="function-link"
                icon="close"
                onClick={() =>
                  set({
                    nearCitizenId: undefined,
                    maxKm: undefined,
                    sort: search.sort === "distance" ? undefined : search.sort,
                  })
                }
              >
                {t("search.clearNear")}
              </Button>
            </>
          ) : picking ? (
            <CitizenPicker
              id="filter-near"
              value=""
              onChange={(id) => (setPicking(false), set({ nearCitizenId: id, sort: "distance" }))}
            />
          ) : (
            <Button variant="secondary" icon="location" onClick={() => setPicking(true)}>
              {t("search.pickCitizen")}
            </Button>
          )}
        </div>
      ) : null}
    </>
  );
}
