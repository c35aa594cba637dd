/**
 * The ranked suggestions for the citizen, best first: each with why it fits (reasons) and what
 * does not (misfits), and "Foreslå" to make it a placement. What must never be suggested (a
 * place with stairs for a rollator user …) comes last, folded away, with the reason. The
 * coordinator ticks what goes on the citizen's printed short list.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import type { Barrier } from "../../../../shared/api/course-definitions";
import { ActionError } from "../../../components/ActionError";
import { Button } from "../../../components/Button";
import { Checkbox } from "../../../components/Field";
import { Icon } from "../../../components/Icon";
import { useWrite } from "../../../forms/useWrite";
import { useLocalText } from "../../../i18n/useLocalText";
import { useDefinitions } from "../../courses/hooks";
import { type Matches, type Suggestion, afproevApi, catalogKeys } from "../api";
import { FeatureList } from "../ui";
import { useWords } from "../words";
import { ShortList } from "./ShortList";

const SHORT_LIST = 5;
/** Shown at first; the rest one tap away, so the course page stays short. */
const FIRST = 10;

/** The barrier catalogue's labels, for "X is missing (needed for: rollator)". */
export function useBarrierLabel() {
  const local = useLocalText();
  const barriers = useDefinitions("barrier_catalogue");
  const list: Barrier[] = barriers.data?.[0]?.definition.barriers ?? [];
  return (id: string) => {
    const b = list.find((x) => x.id === id);
    return b ? local(b.label).text : id.replace(/_/g, " ");
  };
}

export function Suggestions({
  courseId,
  citizenName,
  matches,
  mayPlace,
}: {
  courseId: string;
  citizenName: string;
  matches: Matches;
  mayPlace: boolean;
}) {
  const { t } = useWords();
  const offered = matches.suggestions.filter((s) => !s.excluded);
  const excluded = matches.suggestions.filter((s) => s.excluded);
  const [picked, setPicked] = useState<string[]>(() =>
    offered.slice(0, SHORT_LIST).map((s) => s.activity.id),
  );
  const [all, setAll] = useState(false);
  const pick = (id: string, on: boolean) =>
    setPicked((p) => (on ? [...p.filter((x) => x !== id), id] : p.filter((x) => x !== id)));
  return (
    <div data-testid="suggestions">
      <h3 id="suggestions-heading">{t("find.suggestionsHeading", { count: offered.length })}</h3>
      {offered.length === 0 ? <p>{t("find.none")}</p> : null}
      <ol className="card-list catalog-suggestions" aria-labelledby="suggestions-heading">
        {(all ? offered : offered.slice(0, FIRST)).map((s, i) => (
          <SuggestionCard
            key={s.activity.id}
            rank={i + 1}
            courseId={courseId}
            suggestion={s}
            mayPlace={mayPlace}
            picked={picked.includes(s.activity.id)}
            onPick={(on) => pick(s.activity.id, on)}
          />
        ))}
      </ol>
      {!all && offered.length > FIRST ? (
        <div className="action-row">
          <Button variant="secondary" icon="chevron-down" onClick={() => setAll(true)}>
            {t("find.showAll", { count: offered.length })}
          </Button>
        </div>
      ) : null}
      {offered.length > 0 ? (
        <ShortList
          citizenName={citizenName}
          suggestions={offered.filter((s) => picked.includes(s.activity.id))}
        />
      ) : null}
      {excluded.length > 0 ? (
        <details className="catalog-details mt-5">
          <summary>{t("find.excludedSummary", { count: excluded.length })}</summary>
          <ul className="card-list">
            {excluded.map((s) => (
              <SuggestionCard key={s.activity.id} courseId={courseId} suggestion={s} mayPlace={false} />
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}

function SuggestionCard({
  rank,
  courseId,
  suggestion: s,
  mayPlace,
  picked,
  onPick,
}: {
  rank?: number;
  courseId: string;
  suggestion: Suggestion;
  mayPlace: boolean;
  picked?: boolean;
  onPick?: (on: boolean) => void;
}) {
  const w = useWords();
  const { t } = w;
  const barrier = useBarrierLabel();
  const client = useQueryClient();
  const place = useWrite((activityId: string, key) => afproevApi.place(courseId, { activityId }, key), {
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: catalogKeys.placements(courseId) });
      void client.invalidateQueries({ queryKey: catalogKeys.matches(courseId) });
    },
  });
  const a = s.activity;
  const headingId = `suggestion-${a.id}`;
  return (
    <li data-testid="suggestion" data-activity={a.id} data-place={a.place.kind}>
      <h4 id={headingId}>
        {rank ? <span className="catalog-rank">{t("find.rank", { n: rank })} </span> : null}
        <Link to={`/katalog/aktiviteter/${a.id}`}>{a.title}</Link>
      </h4>
      <p className="card-meta">
        <span>{a.organisation.name}</span>
        <span>{a.place.kind === "venue" ? w.distance(s.distanceKm) : w.code("placeKind", a.place.kind)}</span>
        <span>{w.code("groupSize", a.groupSize)}</span>
        <span>{w.cost(a.cost)}</span>
      </p>
      <p className="mb-0">{w.schedule(a.schedule)}</p>
      <p>{w.place(a.place)}</p>
      <FeatureList features={a.accessibility} placeKind={a.place.kind} testId="suggestion-features" />
      {s.reasons.length > 0 ? (
        <div className="catalog-why">
          <p className="catalog-why-heading">{t("find.why")}</p>
          <ul data-testid="reasons">
            {s.reasons.map((r, i) => (
              <li key={i} data-code={r.code}>
                <Icon name="check" className="catalog-why-icon" />
                {w.reason(r)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {s.misfits.length > 0 ? (
        <div className="catalog-why catalog-misfits">
          <p className="catalog-why-heading">{s.excluded ? t("find.whyNot") : t("find.misfits")}</p>
          <ul data-testid="misfits">
            {s.misfits.map((m, i) => (
              <li key={i} data-code={m.code}>
                <Icon name="warning" className="catalog-why-icon" />
                {w.misfit(m, barrier)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {onPick ? (
        <Checkbox
          id={`shortlist-${a.id}`}
          label={t("find.onShortList")}
          checked={picked ?? false}
          onChange={onPick}
        />
      ) : null}
      {s.placement ? (
        <p>
          <span className="status-tag">
            {t("find.placed", { status: w.code("placementStatus", s.placement.status) })}
          </span>
        </p>
      ) : mayPlace ? (
        <div className="card-buttons">
          <Button
            variant="secondary"
            icon="plus"
            pending={place.isPending}
            onClick={() => place.mutate(a.id)}
            aria-describedby={headingId}
          >
            {t("find.propose")}
          </Button>
        </div>
      ) : null}
      {place.error ? <ActionError error={place.error} /> : null}
    </li>
  );
}
