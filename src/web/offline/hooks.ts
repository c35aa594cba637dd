/** The kept day and the queue as React state, fresh after every change (in any tab). */
import { useEffect, useState } from "react";
import { keptDayUsable } from "../../domain/offline";
import { type DayPack, type OutboxEntry, onStoreChange, readDay, readOutbox } from "./store";

function useStored<T>(read: () => Promise<T>): T | undefined {
  const [value, setValue] = useState<T>();
  useEffect(() => {
    let live = true;
    const load = () =>
      void read().then(
        (v) => live && setValue(v),
        // IndexedDB unavailable (a private window in some browsers): nothing kept, nothing shown.
        () => undefined,
      );
    load();
    const stop = onStoreChange(load);
    return () => {
      live = false;
      stop();
    };
  }, [read]);
  return value;
}

/** The user's queued writes, oldest first; undefined until read. */
export function useOutbox(userId: string | undefined): OutboxEntry[] | undefined {
  const all = useStored(readOutbox);
  return all?.filter((e) => e.userId === userId);
}

/** The kept day when it may be used now (any user's: the caller checks whose); read afresh on every change. */
async function readUsableDay(): Promise<DayPack | undefined> {
  const day = await readDay();
  return day && keptDayUsable(day, Date.now()) ? day : undefined;
}

export function useKeptDay(): DayPack | undefined {
  return useStored(readUsableDay);
}
