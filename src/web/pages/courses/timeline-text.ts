/**
 * A timeline entry in words: the server sends a code ("clip.done") and parameters; the web app
 * translates both. Known enumerations (stages, clip kinds, results …) are translated too; an
 * unknown code falls back to the code itself, so a new kind of event never breaks the page.
 */
import type { TFunction } from "i18next";
import i18n from "../../i18n";
import type { TimelineEntry } from "./api";

type Formatters = { day: (d: string) => string; dateTime: (iso: string) => string };

const CODE = /^[a-z0-9_]+(\.[a-z0-9_]+)*$/;

function paramText(
  t: TFunction,
  code: string,
  key: string,
  value: string | number | boolean | null,
  f: Formatters,
): string {
  if (value === null || value === "") return "–";
  if (typeof value === "boolean") return value ? t("common.yes") : t("common.no");
  const v = String(value);
  const lookup = (prefix: string) => t(`${prefix}.${v}`, { defaultValue: v });
  const group = code.split(".")[0];
  switch (key) {
    case "kind":
      return lookup(
        group === "conversation"
          ? "conversationKind"
          : group === "intervention"
            ? "interventionKind"
            : "clipKind",
      );
    case "from":
    case "to":
      return code === "course.stage_changed" ? lookup("stage") : v;
    case "reason":
      return code === "course.closed" ? lookup("closingReason") : v;
    case "result":
      return lookup("followUpResult");
    case "form":
      return lookup("accompanimentForm");
    case "matchKind":
      return t(`catalog:matchKind.${v}`, { defaultValue: v });
    case "severity":
      return lookup("severity");
    case "colour":
      return t(`detection:colour.${v}`, { defaultValue: v });
    case "scheduledAt":
      return f.dateTime(v);
    case "date":
      return /^\d{4}-\d{2}-\d{2}$/.test(v) ? f.day(v) : v;
    case "start":
      return v.slice(0, 5);
    default:
      return v;
  }
}

export function timelineText(t: TFunction, entry: TimelineEntry, f: Formatters): string {
  if (!CODE.test(entry.code)) return entry.code;
  const key = `timeline.${entry.code}`;
  const params = Object.fromEntries(
    Object.entries(entry.params).map(([k, v]) => [k, paramText(t, entry.code, k, v, f)]),
  );
  // Only a known message is used: a missing key, or one that names a group of messages, shows the code.
  const known = [i18n.language, "da"].some(
    (lng) => typeof i18n.getResource(lng, "courses", key) === "string",
  );
  const message = known ? t(key, params) : entry.code;
  const extras: string[] = [];
  if (entry.params.exception === true) extras.push(t("timeline.exception"));
  if (entry.params.byCitizen === true) extras.push(t("timeline.byCitizen"));
  if (entry.code === "clip.done" && typeof entry.params.form === "string" && entry.params.form)
    extras.push(params.form!);
  return extras.length > 0 ? `${message} (${extras.join(", ")})` : message;
}

/** A free-text reason that the message itself does not already say. */
export function timelineDetail(entry: TimelineEntry): string | null {
  const reason = entry.params.reason;
  if (typeof reason !== "string" || !reason.trim()) return null;
  return entry.code === "course.closed" || entry.code === "clip.cancelled" ? null : reason;
}
