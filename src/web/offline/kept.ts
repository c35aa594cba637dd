/** Reading the kept day in a page, when the network has no answer (issue 17 point 1). */
import type { MyDay } from "../../shared/api/detection";
import { ApiError } from "../api/client";
import { useMe } from "../app/session";
import { useKeptDay } from "./hooks";
import type { DayPack } from "./store";

/** The request got no answer at all: no signal, or the server is out of reach. */
export const noAnswer = (err: unknown): boolean => err instanceof ApiError && err.status === 0;

/** The kept day, when this user may use it now; undefined otherwise (or while it is read). */
export function useUsableKeptDay(): DayPack | undefined {
  const { data: me } = useMe();
  const kept = useKeptDay();
  return kept && me && kept.userId === me.userId ? kept : undefined;
}

type KeptCitizen = MyDay["citizens"][number];

export function keptCitizen(kept: DayPack | undefined, citizenId: string): KeptCitizen | undefined {
  return kept?.pack.day.citizens.find((c) => c.citizen.id === citizenId);
}

/** A punch-card clip planned today for the worker, with its citizen, from the kept day. */
export function keptClip(kept: DayPack | undefined, courseId: string, clipId: string | null) {
  if (!kept || !clipId) return undefined;
  for (const { citizen, tasks } of kept.pack.day.citizens)
    for (const task of tasks)
      if (task.kind === "clip" && task.clip.id === clipId && task.clip.courseId === courseId)
        return { citizen, clip: task.clip };
  return undefined;
}
