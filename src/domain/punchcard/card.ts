/**
 * The punch card as a citizen's coordinator and workers see it: per clip kind, what was
 * granted, what is planned on someone's day, what was used and what is left. Planned clips
 * count against what is left, so two planners cannot both plan the last clip.
 * A clip the citizen cancelled goes back on the card (it was not used).
 */
import type { ClipStatus } from "../course/vocabulary.js";
import { CLIP_KINDS, type ClipKind } from "./policy.js";

export interface CardGrant {
  kind: ClipKind;
  clips: number;
  minutesPerClip: number;
}

export interface CardClip {
  kind: ClipKind;
  status: ClipStatus;
  plannedMinutes: number | null;
  actualMinutes: number | null;
}

export interface CardLine {
  kind: ClipKind;
  grantedClips: number;
  grantedMinutes: number;
  plannedClips: number;
  usedClips: number;
  usedMinutes: number;
  cancelledClips: number;
  /** Clips neither used nor planned; never below zero even after an exception. */
  remainingClips: number;
  /** True when remainingClips is at or below the policy's warning level (and something was granted). */
  warn: boolean;
}

/**
 * What the clips of one kind add up to: enough for the card, so a caseload of many courses can
 * count in SQL (GROUP BY course, kind) instead of fetching every clip.
 */
export interface ClipTotals {
  kind: ClipKind;
  plannedClips: number;
  usedClips: number;
  usedMinutes: number;
  cancelledClips: number;
}

export function cardLines(grants: CardGrant[], clips: CardClip[], warnWhenClipsLeft: number): CardLine[] {
  return cardLinesFromTotals(
    grants,
    CLIP_KINDS.map((kind) => {
      const c = clips.filter((x) => x.kind === kind);
      const done = c.filter((x) => x.status === "done");
      return {
        kind,
        plannedClips: c.filter((x) => x.status === "planned").length,
        usedClips: done.length,
        usedMinutes: done.reduce((n, x) => n + (x.actualMinutes ?? 0), 0),
        cancelledClips: c.filter((x) => x.status === "cancelled").length,
      };
    }),
    warnWhenClipsLeft,
  );
}

/** The card from the clips' totals per kind (a kind without totals has no clips). */
export function cardLinesFromTotals(
  grants: CardGrant[],
  totals: ClipTotals[],
  warnWhenClipsLeft: number,
): CardLine[] {
  return CLIP_KINDS.map((kind) => {
    const g = grants.filter((x) => x.kind === kind);
    const t = totals.find((x) => x.kind === kind);
    const grantedClips = g.reduce((n, x) => n + x.clips, 0);
    const plannedClips = t?.plannedClips ?? 0;
    const usedClips = t?.usedClips ?? 0;
    const remainingClips = Math.max(0, grantedClips - plannedClips - usedClips);
    return {
      kind,
      grantedClips,
      grantedMinutes: g.reduce((n, x) => n + x.clips * x.minutesPerClip, 0),
      plannedClips,
      usedClips,
      usedMinutes: t?.usedMinutes ?? 0,
      cancelledClips: t?.cancelledClips ?? 0,
      remainingClips,
      warn: grantedClips > 0 && remainingClips <= warnWhenClipsLeft,
    };
  });
}

export type ClipUseRefusal = "kind_not_on_card" | "no_clips_left";

/**
 * Whether one more clip of `kind` may be planned or registered. Completing a clip that was
 * already planned uses the clip it reserved, so it is always allowed.
 */
export function mayUseClip(
  lines: CardLine[],
  kind: ClipKind,
): { ok: true } | { ok: false; refusal: ClipUseRefusal } {
  const line = lines.find((l) => l.kind === kind);
  if (!line || line.grantedClips === 0) return { ok: false, refusal: "kind_not_on_card" };
  return line.remainingClips > 0 ? { ok: true } : { ok: false, refusal: "no_clips_left" };
}
