/**
 * The punch-card frame document ⇄ the values of its form (numbers typed as text). An empty
 * field means "no limit" and is left out of the document; what the server stores is exactly
 * the document the same zod schema accepts.
 */
import type { ClipKind } from "../../../../domain/punchcard/policy";
import { CLIP_KINDS } from "../../../../domain/punchcard/policy";
import type { PunchCardPolicyDocument } from "../../../../shared/api/course-definitions";

export const KIND_LIMITS = [
  "maxClips",
  "minClipMinutes",
  "maxClipMinutes",
  // Not limits but the grant form's defaults (issue 17 point 5); they live beside the limits they sit within.
  "defaultClips",
  "defaultClipMinutes",
] as const;
type KindLimitKey = (typeof KIND_LIMITS)[number];

export interface PolicyValues {
  descriptionDa: string;
  descriptionEn: string;
  totalClips: string;
  totalMinutes: string;
  perKind: Record<ClipKind, Record<KindLimitKey, string>>;
  weekly: boolean;
  minutesPerWeek: string;
  maxSavedMinutes: string;
  weeklyKinds: string[];
  exceptionRoles: string[];
  warnWhenClipsLeft: string;
}

const str = (n: number | undefined) => (n === undefined ? "" : String(n));

export function valuesOf(doc: PunchCardPolicyDocument | null): PolicyValues {
  return {
    descriptionDa: doc?.description.da ?? "",
    descriptionEn: doc?.description.en ?? "",
    totalClips: str(doc?.totalPerCourse?.maxClips),
    totalMinutes: str(doc?.totalPerCourse?.maxMinutes),
    perKind: Object.fromEntries(
      CLIP_KINDS.map((k) => [
        k,
        Object.fromEntries(KIND_LIMITS.map((l) => [l, str(doc?.perKind?.[k]?.[l])])),
      ]),
    ) as PolicyValues["perKind"],
    weekly: !!doc?.weeklyAllowance,
    minutesPerWeek: str(doc?.weeklyAllowance?.minutesPerWeek),
    maxSavedMinutes: str(doc?.weeklyAllowance?.maxSavedMinutes),
    weeklyKinds: doc?.weeklyAllowance?.kinds ?? [],
    exceptionRoles: doc?.exceptionRoles ?? [],
    warnWhenClipsLeft: str(doc?.warnWhenClipsLeft ?? 1),
  };
}

/** "" → absent; digits → the number; anything else → NaN, which the schema reports as invalid. */
function num(value: string): number | undefined {
  const v = value.trim();
  if (!v) return undefined;
  return /^\d+$/.test(v) ? Number(v) : Number.NaN;
}

function defined<T extends object>(o: T): Partial<T> | undefined {
  const entries = Object.entries(o).filter(([, v]) => v !== undefined);
  return entries.length > 0 ? (Object.fromEntries(entries) as Partial<T>) : undefined;
}

export function documentOf(v: PolicyValues): Record<string, unknown> {
  const perKind = Object.fromEntries(
    CLIP_KINDS.flatMap((k) => {
      const limits = defined(Object.fromEntries(KIND_LIMITS.map((l) => [l, num(v.perKind[k][l])])));
      return limits ? [[k, limits]] : [];
    }),
  );
  return {
    key: "punch-card",
    description: { da: v.descriptionDa, en: v.descriptionEn.trim() || null },
    ...(defined({ maxClips: num(v.totalClips), maxMinutes: num(v.totalMinutes) })
      ? { totalPerCourse: defined({ maxClips: num(v.totalClips), maxMinutes: num(v.totalMinutes) }) }
      : {}),
    ...(Object.keys(perKind).length > 0 ? { perKind } : {}),
    ...(v.weekly
      ? {
          weeklyAllowance: {
            minutesPerWeek: num(v.minutesPerWeek),
            maxSavedMinutes: num(v.maxSavedMinutes),
            ...(v.weeklyKinds.length > 0 ? { kinds: v.weeklyKinds } : {}),
          },
        }
      : {}),
    exceptionRoles: v.exceptionRoles,
    warnWhenClipsLeft: num(v.warnWhenClipsLeft) ?? 1,
  };
}

/** The input an error path points at (e.g. perKind.accompaniment.maxClipMinutes). */
export function inputIdOf(path: string): string {
  if (path.startsWith("description"))
    return path.endsWith(".en") ? "policy-description-en" : "policy-description-da";
  if (path === "totalPerCourse.maxClips" || path === "totalPerCourse") return "policy-total-clips";
  if (path === "totalPerCourse.maxMinutes") return "policy-total-minutes";
  const kind = /^perKind\.([a-z_]+)\.([A-Za-z]+)/.exec(path);
  if (kind) return `policy-${kind[1]}-${kind[2]}`;
  if (path.startsWith("weeklyAllowance.maxSavedMinutes")) return "policy-saved";
  if (path.startsWith("weeklyAllowance")) return "policy-weekly-minutes";
  if (path.startsWith("warnWhenClipsLeft")) return "policy-warn";
  return "policy-save";
}
