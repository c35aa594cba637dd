import type { ComponentType, LazyExoticComponent, ReactElement } from "react";
import { Suspense } from "react";
import type { Action } from "../../domain/access-policy";
import { Spinner } from "../components/Spinner";
import { RequireCan } from "./session";

/**
 * A lazily loaded page (its own chunk, so the shell stays small), behind the policy action that
 * lets a user see it at all when one is given.
 */
export function lazyPage(Page: LazyExoticComponent<ComponentType>, action?: Action): ReactElement {
  const page = (
    <Suspense fallback={<Spinner />}>
      <Page />
    </Suspense>
  );
  return action ? <RequireCan action={action}>{page}</RequireCan> : page;
}
