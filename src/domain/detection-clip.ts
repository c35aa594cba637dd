/**
 * Which opsporingsklip a detection form settles when the worker did not open it from the clip
 * (issue 11 point 10). The conversation has happened whichever button the worker tapped, so a
 * clip left "planned" would count as unused time on the punch-card figures.
 */

export interface PlannedDetectionClip {
  id: string;
  workerUserId: string;
}

/**
 * `candidates` are the citizen's planned opsporingsklip on the screening's day, oldest grant
 * first. The screening worker's own clip wins (the oldest, if a planner gave them two). Without
 * one of theirs, a clip planned for a colleague is settled only when it is the only one that day:
 * the citizen got the conversation the time was granted for, and with one clip there is no doubt
 * which. With several colleagues' clips Broen cannot know whose visit this replaced, so none is
 * settled and the planners see them as planned.
 */
export function clipSettledByScreening(
  candidates: readonly PlannedDetectionClip[],
  screenerUserId: string,
): string | null {
  const own = candidates.find((c) => c.workerUserId === screenerUserId);
  if (own) return own.id;
  return candidates.length === 1 ? candidates[0]!.id : null;
}
