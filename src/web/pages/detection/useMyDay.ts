/**
 * The worker's day for "Mine borgere i dag" and the start page's first box. A worker whose phone
 * keeps the day gets it through the day pack — one request and one audited read, and the day on
 * the screen is the one kept — and, without a signal, the kept day (issue 17, decision 0108).
 */
import { useQuery } from "@tanstack/react-query";
import { useMe } from "../../app/session";
import { isConnected } from "../../offline/connection";
import { noAnswer, useUsableKeptDay } from "../../offline/kept";
import { useKeepsDay } from "../../offline/OfflineStatus";
import { refreshDay } from "../../offline/outbox";
import { detectionApi, detectionKeys } from "./api";

/** The frame fetches the day as the app opens; the page then shows that one rather than asking again. */
const JUST_FETCHED_MS = 5_000;

export function useMyDay() {
  const { data: me } = useMe();
  const keepsDay = useKeepsDay(me);
  const live = useQuery({
    queryKey: detectionKeys.myDay,
    // Without a connection it asks all the same: the failure shows the kept day *as* kept.
    queryFn: ({ signal }) =>
      keepsDay && me ? refreshDay(me, isConnected() ? JUST_FETCHED_MS : 0) : detectionApi.myDay(signal),
  });
  const kept = useUsableKeptDay();
  const fromKept = !live.data && noAnswer(live.error) ? kept : undefined;
  return {
    data: live.data ?? fromKept?.pack.day,
    isPending: live.isPending && !fromKept,
    error: fromKept ? null : live.error,
    refetch: live.refetch,
    /** When the day shown is the phone's kept one: when it was fetched. */
    keptAt: fromKept?.savedAt ?? null,
  };
}
