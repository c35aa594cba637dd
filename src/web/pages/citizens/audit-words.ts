/**
 * An audit row's criterion in words (issue 11 point 16): keys by their labels, ids by the names
 * the server resolved (tenancy-scoped), days in the one date format, yes/no, and codes through the
 * vocabularies the rest of the app already words (stages, statuses, clip kinds …).
 */
import type { TFunction } from "i18next";
import type { AuditEvent } from "../../../shared/api/citizens";
import i18n from "../../i18n";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Where a code value of a criterion key is worded; `audit.values` is tried last for every key. */
const VOCABULARY: Record<string, string[]> = {
  event: ["courses:event"],
  to: ["courses:stage", "catalog:placementStatus"],
  from: ["courses:stage", "catalog:placementStatus"],
  status: ["catalog:volunteerStatus", "courses:clipStatus", "catalog:communityStatus", "detection:status"],
  volunteerReferrals: ["catalog:volunteerStatus"],
  result: ["courses:followUpResult"],
  kind: ["courses:clipKind"],
  action: ["detection:action"],
  filter: ["detection:triageFilter"],
  phase: ["reports:outcomes.phase"],
  fields: ["citizenForm", "catalog:consentField"],
  consentFields: ["catalog:consentField", "citizenForm"],
};

function word(t: TFunction, key: string, value: string): string {
  for (const prefix of [...(VOCABULARY[key] ?? []), "audit.values"]) {
    const k = `${prefix}.${value}`;
    if (i18n.exists(k)) return t(k);
  }
  return value;
}

type Dates = { day: (d: string) => string };

function valueText(t: TFunction, event: AuditEvent, key: string, value: unknown, dates: Dates): string {
  if (value === null || value === undefined || value === "") return "–";
  if (typeof value === "boolean") return t(value ? "common.yes" : "common.no");
  if (typeof value === "number") return String(value);
  if (Array.isArray(value))
    return value.length === 0 ? "–" : value.map((v) => valueText(t, event, key, v, dates)).join(", ");
  if (typeof value !== "string") return "–";
  if (UUID.test(value)) return event.names[value] ?? t("audit.unnamed");
  if (DAY.test(value)) return dates.day(value);
  // What someone typed into a search is shown as typed (CPR-looking parts are already masked).
  if (key === "q") return value;
  return word(t, key, value);
}

/** "Søgning: hansen; Side: 1; Medarbejder: Mette Lykke" — or "–" without a criterion. */
export function criterionText(t: TFunction, event: AuditEvent, dates: Dates): string {
  if (!event.criterion) return "–";
  return Object.entries(event.criterion)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(
      ([key, value]) =>
        `${i18n.exists(`audit.criterion.${key}`) ? t(`audit.criterion.${key}`) : key}: ${valueText(t, event, key, value, dates)}`,
    )
    .join("; ");
}
