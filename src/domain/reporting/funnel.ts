/**
 * The funnel as a cohort (issue 11, point 5): step 1 is the citizens who reached it (noticed in
 * the period); every later step is the part of the step before that also reached this step, so
 * each step is a subset of the one before and the drop-out is never negative — nothing needs a
 * clamp. A citizen who reaches a step without having been on the step before (a phone referral
 * without a form, a course opened without a referral) "entered here": they are counted once, at
 * the first step where they entered, on a line of their own, never mixed into the step's figure.
 */

export interface CohortStep<K extends string> {
  key: K;
  /** The cohort on this step (a subset of the previous step's). */
  citizens: Set<string>;
  /** Of the previous step, not on this one (null for the first step). */
  dropOut: number | null;
  /** This step's count of the previous step's (null for the first step or an empty previous step). */
  percentOfPrevious: number | null;
  /** Reached this step without being on the previous one, and had not entered at an earlier step. */
  enteredHere: Set<string>;
}

/** `reached` gives, per step in order, the citizens who reached that step in the period. */
export function cohortFunnel<K extends string>(
  steps: readonly { key: K; reached: ReadonlySet<string> }[],
): CohortStep<K>[] {
  const entered = new Set<string>();
  const out: CohortStep<K>[] = [];
  let previous: Set<string> | null = null;
  for (const step of steps) {
    if (previous === null) {
      previous = new Set(step.reached);
      out.push({
        key: step.key,
        citizens: previous,
        dropOut: null,
        percentOfPrevious: null,
        enteredHere: new Set(),
      });
      continue;
    }
    const citizens = new Set<string>();
    const enteredHere = new Set<string>();
    for (const id of step.reached) {
      if (previous.has(id)) citizens.add(id);
      else if (!entered.has(id)) enteredHere.add(id);
    }
    for (const id of enteredHere) entered.add(id);
    const prev: number = previous.size;
    out.push({
      key: step.key,
      citizens,
      dropOut: prev - citizens.size,
      percentOfPrevious: prev === 0 ? null : Math.round((citizens.size / prev) * 1000) / 10,
      enteredHere,
    });
    previous = citizens;
  }
  return out;
}
