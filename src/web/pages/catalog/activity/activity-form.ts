/**
 * The activity form's values as strings and lists (what inputs hold), from a stored activity
 * and back into the request the API validates. Empty optional parts become null, numbers that
 * do not parse stay NaN so the shared schema names the field.
 */
import type { CostKind, PlaceKind, ScheduleKind } from "../../../../domain/matching/types";
import type { Activity } from "../api";

export interface ActivityValues {
  organisationId: string;
  title: string;
  description: string;
  themes: string[];
  interests: string[];
  placeKind: PlaceKind;
  venueName: string;
  line: string;
  postalCode: string;
  city: string;
  lat: string;
  lon: string;
  channels: string[];
  scheduleKind: ScheduleKind;
  weekdays: string[];
  monthWeek: string;
  monthWeekday: string;
  dates: string[];
  startTime: string;
  endTime: string;
  accessibility: string[];
  costKind: CostKind;
  amountDkk: string;
  costPer: string;
  groupSize: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  reactivate: boolean;
}

export function emptyActivity(organisationId = ""): ActivityValues {
  return {
    organisationId,
    title: "",
    description: "",
    themes: [],
    interests: [],
    placeKind: "venue",
    venueName: "",
    line: "",
    postalCode: "",
    city: "",
    lat: "",
    lon: "",
    channels: ["phone"],
    scheduleKind: "weekly",
    weekdays: [],
    monthWeek: "1",
    monthWeekday: "1",
    dates: [""],
    startTime: "10:00",
    endTime: "12:00",
    accessibility: [],
    costKind: "free",
    amountDkk: "",
    costPer: "time",
    groupSize: "",
    contactName: "",
    contactPhone: "",
    contactEmail: "",
    reactivate: false,
  };
}

export function valuesOf(a: Activity): ActivityValues {
  const v = emptyActivity(a.organisation.id);
  const p = a.place;
  const s = a.schedule;
  return {
    ...v,
    title: a.title,
    description: a.description,
    themes: a.themes,
    interests: a.interests,
    placeKind: p.kind,
    ...(p.kind === "venue"
      ? {
          venueName: p.name,
          line: p.address.line,
          postalCode: p.address.postalCode,
          city: p.address.city,
          lat: p.lat === null ? "" : String(p.lat),
          lon: p.lon === null ? "" : String(p.lon),
        }
      : {}),
    ...(p.kind === "remote" ? { channels: p.channels } : {}),
    scheduleKind: s.kind,
    ...(s.kind !== "by_arrangement"
      ? { startTime: s.startTime.slice(0, 5), endTime: s.endTime.slice(0, 5) }
      : {}),
    ...(s.kind === "weekly" ? { weekdays: s.weekdays.map(String) } : {}),
    ...(s.kind === "monthly" ? { monthWeek: String(s.week), monthWeekday: String(s.weekday) } : {}),
    ...(s.kind === "dates" ? { dates: s.dates } : {}),
    accessibility: a.accessibility,
    costKind: a.cost.kind,
    ...(a.cost.kind === "paid" ? { amountDkk: String(a.cost.amountDkk), costPer: a.cost.per } : {}),
    groupSize: a.groupSize,
    contactName: a.contact?.name ?? "",
    contactPhone: a.contact?.phone ?? "",
    contactEmail: a.contact?.email ?? "",
  };
}

const num = (s: string) => (s.trim() === "" ? null : Number(s.replace(",", ".")));
const int = (s: string) =>
  /^\d+$/.test(s.trim()) ? Number(s.trim()) : s.trim() === "" ? undefined : Number.NaN;

function place(v: ActivityValues) {
  if (v.placeKind === "in_home") return { kind: "in_home" as const };
  if (v.placeKind === "remote") return { kind: "remote" as const, channels: v.channels };
  return {
    kind: "venue" as const,
    name: v.venueName,
    address: { line: v.line, postalCode: v.postalCode, city: v.city },
    lat: num(v.lat),
    lon: num(v.lon),
  };
}

function schedule(v: ActivityValues) {
  const times = { startTime: v.startTime, endTime: v.endTime };
  switch (v.scheduleKind) {
    case "weekly":
      return { kind: "weekly" as const, weekdays: v.weekdays.map(Number).sort(), ...times };
    case "monthly":
      return {
        kind: "monthly" as const,
        weekday: Number(v.monthWeekday),
        week: Number(v.monthWeek),
        ...times,
      };
    case "dates":
      return { kind: "dates" as const, dates: v.dates.filter((d) => d !== ""), ...times };
    default:
      return { kind: "by_arrangement" as const };
  }
}

/** The fields both a new activity and a change send. */
export function activityInput(v: ActivityValues) {
  const contact =
    v.contactName.trim() || v.contactPhone.trim() || v.contactEmail.trim()
      ? { name: v.contactName, phone: v.contactPhone.trim() || null, email: v.contactEmail.trim() || null }
      : null;
  return {
    organisationId: v.organisationId || undefined,
    title: v.title,
    description: v.description,
    themes: v.themes,
    interests: v.interests,
    place: place(v),
    schedule: schedule(v),
    accessibility: v.accessibility,
    cost:
      v.costKind === "free"
        ? { kind: "free" as const }
        : { kind: "paid" as const, amountDkk: int(v.amountDkk), per: v.costPer },
    groupSize: v.groupSize || undefined,
    contact,
  };
}
