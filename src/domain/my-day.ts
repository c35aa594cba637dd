/**
 * "Mine borgere i dag" (issue 11 point 10): the worker's day as one card per citizen with all
 * of that day's tasks, instead of one list per source where a citizen with two tasks showed twice.
 */

/** The order of tasks within a citizen's card when no clock time tells otherwise. */
export const TASK_ORDER = ["clip", "detection_clip", "screening_due", "contact_person"] as const;
export type DayTaskKind = (typeof TASK_ORDER)[number];

export interface DayEntry<C extends { id: string }, T extends { kind: DayTaskKind }> {
  citizen: C;
  /** Danish sort key of the citizen's name (citizens.sort_name). */
  sortKey: string;
  task: T;
  /** Wall-clock "HH:MM" when the task has a time (a planned clip). */
  at: string | null;
}

export interface DayCard<C, T> {
  citizen: C;
  tasks: T[];
}

const rankOf = (kind: DayTaskKind) => TASK_ORDER.indexOf(kind);
const clock = (at: string | null) => at?.slice(0, 5) ?? null;

/**
 * Groups the day's entries by citizen and orders them the way a worker walks the day: citizens
 * with a task at a given time first, by that time; then those with something to do without a
 * time (an opsporingsklip, a due screening) by name; last the citizens the worker is only
 * contact person for, by name. Within a card: timed tasks by time, then by kind.
 */
export function groupDay<C extends { id: string }, T extends { kind: DayTaskKind }>(
  entries: readonly DayEntry<C, T>[],
): DayCard<C, T>[] {
  const cards = new Map<string, { citizen: C; sortKey: string; entries: DayEntry<C, T>[] }>();
  for (const e of entries) {
    const card = cards.get(e.citizen.id);
    if (card) card.entries.push(e);
    else cards.set(e.citizen.id, { citizen: e.citizen, sortKey: e.sortKey, entries: [e] });
  }
  const summary = [...cards.values()].map((c) => {
    const times = c.entries.map((e) => clock(e.at)).filter((t): t is string => t !== null);
    return {
      ...c,
      first: times.length > 0 ? times.sort()[0]! : null,
      onlyContact: c.entries.every((e) => e.task.kind === "contact_person"),
    };
  });
  summary.sort((a, b) => {
    const group = (x: typeof a) => (x.first !== null ? 0 : x.onlyContact ? 2 : 1);
    if (group(a) !== group(b)) return group(a) - group(b);
    if (a.first !== null && b.first !== null && a.first !== b.first) return a.first < b.first ? -1 : 1;
    return a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0;
  });
  return summary.map((c) => ({
    citizen: c.citizen,
    tasks: [...c.entries]
      .sort((x, y) => {
        const tx = clock(x.at);
        const ty = clock(y.at);
        if (tx !== null && ty !== null && tx !== ty) return tx < ty ? -1 : 1;
        if ((tx === null) !== (ty === null)) return tx === null ? 1 : -1;
        return rankOf(x.task.kind) - rankOf(y.task.kind);
      })
      .map((e) => e.task),
  }));
}
