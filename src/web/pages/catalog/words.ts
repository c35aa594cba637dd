/**
 * The catalog's codes in words: themes and interests from the municipality's interest taxonomy,
 * and every code of the catalog and matching vocabulary (features, group sizes, schedules,
 * reasons and misfits with their parameters) from the `catalog` namespace — an unknown code is
 * shown as itself rather than as a missing key.
 */
import { useQuery } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { InterestTaxonomy } from "../../../shared/api/course-definitions";
import type { Activity } from "../../../shared/api/catalog";
import type { MatchMisfit, MatchReason } from "../../../shared/api/placements";
import { useCan } from "../../app/session";
import { useLocalText } from "../../i18n/useLocalText";
import { courseKeys, coursesApi } from "../courses/api";

type Schedule = Activity["schedule"];
type Place = Activity["place"];
type Cost = Activity["cost"];
type Reason = MatchReason;
type Misfit = MatchMisfit;

/** The newest interest taxonomy; roles that may not read the course configuration get none (ids are shown). */
export function useTaxonomy() {
  const can = useCan();
  const allowed = can({ kind: "courseDefinition.read" });
  const query = useQuery({
    queryKey: courseKeys.definitions("interest_taxonomy"),
    queryFn: ({ signal }) => coursesApi.definitions("interest_taxonomy", signal),
    staleTime: 300_000,
    enabled: allowed,
  });
  const taxonomy = (query.data?.[0]?.definition as InterestTaxonomy | undefined) ?? null;
  return { taxonomy, isPending: allowed && query.isPending, error: query.error };
}

/** "knitting_needlework" → "knitting needlework": readable when no label is known. */
const plain = (id: string) => id.replace(/_/g, " ");

export function useWords() {
  const { t, i18n } = useTranslation("catalog");
  const local = useLocalText();
  const { taxonomy } = useTaxonomy();
  const locale = i18n.language === "en" ? "en-GB" : "da-DK";

  const labels = useMemo(() => {
    const themes = new Map((taxonomy?.themes ?? []).map((th) => [th.id, th.label]));
    const interests = new Map((taxonomy?.interests ?? []).map((i) => [i.id, i.label]));
    return { themes, interests };
  }, [taxonomy]);

  /** A code of a group ("accessibility.step_free"), or the code itself when it has no wording. */
  const code = useCallback(
    (group: string, value: string | number, params: Record<string, unknown> = {}) =>
      t(`${group}.${value}`, { defaultValue: String(value), ...params }),
    [t],
  );
  const list = useCallback(
    (items: string[]) => new Intl.ListFormat(locale, { style: "long", type: "conjunction" }).format(items),
    [locale],
  );
  const theme = (id: string) => {
    const label = labels.themes.get(id);
    return label ? local(label).text : plain(id);
  };
  const interest = (id: string) => {
    const label = labels.interests.get(id);
    return label ? local(label).text : plain(id);
  };
  const number = (n: number, digits = 1) =>
    new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(n);
  const day = (iso: string) =>
    new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", timeZone: "UTC" }).format(
      new Date(`${iso}T00:00:00Z`),
    );
  const weekday = (n: number) => code("weekday", n);
  /** A weekday standing alone (a checkbox, an option): with a capital letter. */
  const weekdayLabel = (n: number) => {
    const name = weekday(n);
    return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
  };
  const times = (s: { startTime: string; endTime: string }) =>
    t("schedule.times", { start: s.startTime.slice(0, 5), end: s.endTime.slice(0, 5) });

  const schedule = (s: Schedule): string => {
    switch (s.kind) {
      case "weekly":
        return t("schedule.weekly", { days: list(s.weekdays.map(weekday)), times: times(s) });
      case "monthly":
        return t("schedule.monthly", {
          week: code("week", s.week === -1 ? "last" : s.week),
          day: weekday(s.weekday),
          times: times(s),
        });
      case "dates":
        return t("schedule.dates", { dates: list(s.dates.map(day)), times: times(s) });
      default:
        return t("schedule.by_arrangement");
    }
  };

  const place = (p: Place): string => {
    if (p.kind === "venue") return `${p.name}, ${p.address.line}, ${p.address.postalCode} ${p.address.city}`;
    if (p.kind === "remote")
      return t("place.remoteBy", { channels: list(p.channels.map((c) => code("remoteChannel", c))) });
    return t("place.in_home");
  };

  const cost = (c: Cost): string =>
    c.kind === "free"
      ? t("cost.free")
      : t("cost.paid", { amount: number(c.amountDkk, 0), per: code("costPer", c.per) });
  const distance = (km: number | null) =>
    km === null ? t("distance.unknown") : t("distance.km", { km: number(km) });
  const features = (fs: readonly string[]) => list(fs.map((f) => code("accessibility", f)));

  const reason = (r: Reason): string => {
    switch (r.code) {
      case "shared_interests":
        return t("reason.shared_interests", { list: list(r.interests.map(interest)) });
      case "shared_themes":
        return t("reason.shared_themes", { list: list(r.themes.map(theme)) });
      case "distance":
        return t("reason.distance", { km: number(r.km) });
      case "meets_needs":
        return t("reason.meets_needs", { list: features(r.features) });
      case "small_group_for_isolated":
      case "small_group":
      case "group_size_preferred":
        return t(`reason.${r.code}`, { size: code("groupSize", r.groupSize) });
      case "time_of_day_fits":
        return t("reason.time_of_day_fits", { list: list(r.times.map((x) => code("timeOfDay", x))) });
      default:
        return code("reason", r.code);
    }
  };

  /** `barrier` words a barrier id (the catalogue's label where the caller has it). */
  const misfit = (m: Misfit, barrier: (id: string) => string = plain): string => {
    switch (m.code) {
      case "required_feature_missing":
        return t("misfit.required_feature_missing", {
          feature: code("accessibility", m.feature),
          barriers: list(m.barriers.map(barrier)),
        });
      case "too_far":
        return t("misfit.too_far", { km: number(m.km), max: number(m.maxKm) });
      case "group_size_not_preferred":
        return t("misfit.group_size_not_preferred", {
          size: code("groupSize", m.groupSize),
          preferred: code("groupSize", m.preferred),
        });
      case "time_of_day_mismatch":
        return t("misfit.time_of_day_mismatch", { list: list(m.times.map((x) => code("timeOfDay", x))) });
      case "costs":
        return t("misfit.costs", { cost: cost({ kind: "paid", amountDkk: m.amountDkk, per: m.per }) });
      default:
        return code("misfit", m.code);
    }
  };

  return {
    t,
    code,
    list,
    theme,
    interest,
    number,
    schedule,
    place,
    cost,
    distance,
    features,
    reason,
    misfit,
    weekday,
    weekdayLabel,
  };
}

export type Words = ReturnType<typeof useWords>;
