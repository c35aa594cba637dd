/**
 * What the course page's forms share: keeping the cached course fresh after a write (and
 * after a 409 version_conflict, when someone else changed it first), the stored course
 * definitions (guides, catalogues) by kind, and the policy resource of the course's citizen.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import type { CitizenResource } from "../../../domain/access-policy";
import type {
  BarrierCatalogue,
  ConversationGuide,
  DefinitionKind,
  InterestTaxonomy,
  PunchCardPolicyDocument,
} from "../../../shared/api/course-definitions";
import { ApiError } from "../../api/client";
import { citizensApi, keys } from "../../api/endpoints";
import { citizenResource, useMe } from "../../app/session";
import { type CourseDetail, type StoredDefinition, courseKeys, coursesApi } from "./api";

export function isVersionConflict(err: unknown): boolean {
  return err instanceof ApiError && err.code === "version_conflict";
}

/** After a write on a course: the course, its card, the caseload and the citizen's timeline are fetched anew. */
export function useCourseCache(course: Pick<CourseDetail, "id" | "citizen">) {
  const client = useQueryClient();
  const refresh = useCallback(() => {
    void client.invalidateQueries({ queryKey: ["courses"] });
    void client.invalidateQueries({ queryKey: courseKeys.citizenCourses(course.citizen.id) });
    void client.invalidateQueries({ queryKey: courseKeys.timeline(course.citizen.id) });
    void client.invalidateQueries({ queryKey: ["clips"] });
    // The worker's "Mine borgere i dag" shows the day's clips too.
    void client.invalidateQueries({ queryKey: ["detection", "my-day"] });
  }, [client, course.citizen.id]);
  const updated = useCallback(
    (next?: CourseDetail) => {
      if (next) client.setQueryData(courseKeys.course(course.id), next);
      refresh();
    },
    [client, course.id, refresh],
  );
  /** A stale version: show the newest course, so the user sees what changed and can try again. */
  const failed = useCallback(
    (err: unknown) => {
      if (isVersionConflict(err)) void client.invalidateQueries({ queryKey: courseKeys.course(course.id) });
    },
    [client, course.id],
  );
  return { updated, refresh, failed };
}

export interface Typed<D> extends Omit<StoredDefinition, "definition"> {
  definition: D;
}

interface DocumentOf {
  conversation_guide: ConversationGuide;
  barrier_catalogue: BarrierCatalogue;
  interest_taxonomy: InterestTaxonomy;
  punch_card_policy: PunchCardPolicyDocument;
}

/** The newest active definitions of a kind (the server validated them when they were published). */
export function useDefinitions<K extends DefinitionKind>(kind: K) {
  return useQuery({
    queryKey: courseKeys.definitions(kind),
    queryFn: async ({ signal }) => (await coursesApi.definitions(kind, signal)) as Typed<DocumentOf[K]>[],
    staleTime: 300_000,
  });
}

/** The course's citizen as the shared policy sees it (municipality and provider); null while loading. */
export function useCourseCitizen(citizenId: string | undefined): CitizenResource | null {
  const { data: me } = useMe();
  const citizen = useQuery({
    queryKey: keys.citizen(citizenId ?? ""),
    queryFn: ({ signal }) => citizensApi.get(citizenId!, signal),
    enabled: !!citizenId,
  });
  if (!me || !citizenId || !citizen.data) return null;
  return citizenResource(me, citizen.data);
}
