import { describe, expect, it } from "vitest";
import { type DayEntry, type DayTaskKind, groupDay } from "./my-day.js";

type Task = { kind: DayTaskKind; ref: string };
const entry = (
  citizen: string,
  kind: DayTaskKind,
  ref: string,
  at: string | null = null,
): DayEntry<{ id: string }, Task> => ({
  citizen: { id: citizen },
  sortKey: citizen,
  task: { kind, ref },
  at,
});

describe("the worker's day, one card per citizen", () => {
  it("lists a citizen with several tasks once, with all the tasks", () => {
    const day = groupDay([
      entry("bech", "detection_clip", "d1"),
      entry("bech", "contact_person", "c"),
      entry("bech", "clip", "k1", "10:00"),
      entry("bech", "screening_due", "s"),
    ]);
    expect(day).toHaveLength(1);
    expect(day[0]!.tasks.map((t) => t.ref)).toEqual(["k1", "d1", "s", "c"]);
  });

  it("puts timed citizens first by time, then those with something to do, then contact-only, each by name", () => {
    const day = groupDay([
      entry("aa-contact", "contact_person", "c1"),
      entry("zz-late", "clip", "k2", "14:30:00"),
      entry("mm-clip", "detection_clip", "d1"),
      entry("bb-due", "screening_due", "s1"),
      entry("yy-early", "clip", "k1", "09:30"),
      entry("yy-early", "contact_person", "c2"),
    ]);
    expect(day.map((c) => c.citizen.id)).toEqual(["yy-early", "zz-late", "bb-due", "mm-clip", "aa-contact"]);
  });

  it("orders a citizen's timed clips by time, before the untimed tasks", () => {
    const day = groupDay([
      entry("a", "detection_clip", "d"),
      entry("a", "clip", "late", "13:00"),
      entry("a", "clip", "early", "08:15"),
    ]);
    expect(day[0]!.tasks.map((t) => t.ref)).toEqual(["early", "late", "d"]);
  });

  it("is empty on an empty day", () => {
    expect(groupDay([])).toEqual([]);
  });
});
