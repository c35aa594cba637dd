/**
 * What the grant form starts with (issue 17 point 5): the frame already says how long a clip is and
 * how many a course may have, so the coordinator should not have to type it. For each clip kind the
 * frame allows (a per-kind cap of 0 forbids a kind), the minutes per clip and the number of clips a
 * grant that fits the frame would have — the frame's stated usual values first, else what its
 * limits imply. A form preselects the kind when only one is allowed. Only
 * suggestions: the frame is still checked when the grant is made. Pure.
 */
import { CLIP_KINDS, type ClipKind, type Grant, type PunchCardPolicy, remainingByKind } from "./policy.js";

export interface KindDefault {
  kind: ClipKind;
  /** The clips still grantable under the caps; null when the frame sets no cap (the user decides). */
  clips: number | null;
  /** The frame's clip length for the kind; null when the frame does not give one. */
  minutesPerClip: number | null;
}

/**
 * The clip length the frame gives for a kind: its stated usual length; else a fixed length (minimum
 * = maximum, "2 samtaleklip à 30 min"); else the only bound it names; else the course total split
 * over its clips ("10 klip = 10 timer" gives 60). A range without a usual length suggests nothing:
 * picking an end of it would be a guess.
 */
function clipMinutes(policy: PunchCardPolicy, kind: ClipKind): number | null {
  const limit = policy.perKind?.[kind];
  if (limit?.defaultClipMinutes !== undefined) return limit.defaultClipMinutes;
  const { minClipMinutes: min, maxClipMinutes: max } = limit ?? {};
  if (min !== undefined && max !== undefined) return min === max ? min : null;
  if (max !== undefined || min !== undefined) return (max ?? min)!;
  const total = policy.totalPerCourse;
  if (total?.maxMinutes !== undefined && total.maxClips !== undefined && total.maxClips > 0) {
    const each = Math.floor(total.maxMinutes / total.maxClips);
    return each > 0 ? each : null;
  }
  return null;
}

/** The kinds a grant may be of, with what the form starts with; kinds the frame forbids are left out. */
export function grantDefaults(policy: PunchCardPolicy, grants: Grant[]): KindDefault[] {
  const remaining = remainingByKind(policy, grants);
  return CLIP_KINDS.filter((kind) => policy.perKind?.[kind]?.maxClips !== 0).map((kind) => {
    const left = remaining.find((r) => r.kind === kind)?.remainingClips ?? null;
    // The usual number when the frame states one, else what the caps leave; never more than is left.
    const usual = policy.perKind?.[kind]?.defaultClips;
    const wanted = usual ?? left;
    let clips = wanted === null ? null : left === null ? wanted : left > 0 ? Math.min(wanted, left) : null;
    const minutesPerClip = clipMinutes(policy, kind);
    // A minutes cap per course bounds the clips too: 600 minutes of 60-minute clips is 10.
    const maxMinutes = policy.totalPerCourse?.maxMinutes;
    if (clips !== null && minutesPerClip && maxMinutes !== undefined) {
      const usedMinutes = grants.reduce((n, g) => n + g.clips * g.minutesPerClip, 0);
      const byMinutes = Math.floor(Math.max(0, maxMinutes - usedMinutes) / minutesPerClip);
      clips = byMinutes > 0 ? Math.min(clips, byMinutes) : null;
    }
    return { kind, clips, minutesPerClip };
  });
}

/** The kind a form preselects: the only one the frame allows, else none (the user chooses). */
export function onlyKind(defaults: Pick<KindDefault, "kind">[]): ClipKind | null {
  return defaults.length === 1 ? (defaults[0]?.kind ?? null) : null;
}
