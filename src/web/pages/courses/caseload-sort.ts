/**
 * Sorting the caseload in the browser: every column, both ways, names in Danish order
 * (æ ø å after z). A missing value (no contact yet, no clip planned) always sorts last.
 */
import { COURSE_STAGES } from "../../../domain/course/vocabulary";
import { danishCollator } from "../../../domain/danish-text";
import type { CourseSummary } from "./api";

export const SORT_COLUMNS = [
  "citizen",
  "coordinator",
  "stage",
  "days",
  "lastContact",
  "nextClip",
  "clipsLeft",
  "followUp",
] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
export interface Sort {
  column: SortColumn;
  descending: boolean;
}

type Value = string | number | null;

const valueOf: Record<SortColumn, (c: CourseSummary) => Value> = {
  citizen: (c) => c.citizen.name,
  coordinator: (c) => c.coordinator.name,
  stage: (c) => COURSE_STAGES.indexOf(c.stage),
  days: (c) => c.daysInStage,
  lastContact: (c) => c.lastContactAt,
  nextClip: (c) => (c.nextClip ? `${c.nextClip.date} ${c.nextClip.start ?? ""}` : null),
  clipsLeft: (c) => c.clipsLeft,
  // Overdue follow-ups first when ascending: they are what must not drift.
  followUp: (c) => (c.nextFollowUpOn ? `${c.followUpOverdue ? "0" : "1"}${c.nextFollowUpOn}` : null),
};

function compareValues(a: Value, b: Value): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return danishCollator.compare(String(a), String(b));
}

export function sortCourses(rows: CourseSummary[], sort: Sort): CourseSummary[] {
  const get = valueOf[sort.column];
  return [...rows].sort((x, y) => {
    const a = get(x);
    const b = get(y);
    if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
    const order = compareValues(a, b);
    const result = sort.descending ? -order : order;
    return result !== 0 ? result : danishCollator.compare(x.citizen.name, y.citizen.name);
  });
}

/** "-days" ⇄ { column: "days", descending: true }; unknown values fall back to the citizen's name. */
export function parseSort(value: string | null): Sort {
  const descending = value?.startsWith("-") ?? false;
  const column = (value ?? "").replace(/^-/, "");
  return (SORT_COLUMNS as readonly string[]).includes(column)
    ? { column: column as SortColumn, descending }
    : { column: "citizen", descending: false };
}

export function formatSort(sort: Sort): string {
  return `${sort.descending ? "-" : ""}${sort.column}`;
}
