/**
 * The course's placements: foreslået → kontaktet → prøvebesøg → deltager, and stoppet (with a
 * reason) from any of them — only the moves the workflow allows, each sending the version shown
 * (409 on a stale page). An active placement links to planning its accompaniment on the card.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { PLACEMENT_STEPS } from "../../../../domain/matching/placement-workflow";
import { ActionError } from "../../../components/ActionError";
import { Button } from "../../../components/Button";
import { LoadError } from "../../../components/LoadError";
import { Spinner } from "../../../components/Spinner";
import { useDates } from "../../../format";
import { useWrite } from "../../../forms/useWrite";
import { type Placement, afproevApi, catalogKeys } from "../api";
import { ReasonForm } from "../ReasonForm";
import { useWords } from "../words";

type Status = Placement["status"];

export function Placements({
  courseId,
  mayManage,
  mayPlan,
}: {
  courseId: string;
  mayManage: boolean;
  mayPlan: boolean;
}) {
  const { t } = useWords();
  const placements = useQuery({
    queryKey: catalogKeys.placements(courseId),
    queryFn: ({ signal }) => afproevApi.placements(courseId, signal),
  });
  const list = [...(placements.data ?? [])].sort(
    (a, b) =>
      Number(a.status === "stopped") - Number(b.status === "stopped") ||
      b.createdAt.localeCompare(a.createdAt),
  );
  return (
    <div className="mt-6">
      <h3 id="placements-heading">{t("placement.heading")}</h3>
      {placements.isPending ? <Spinner /> : null}
      {placements.error ? (
        <LoadError error={placements.error} onRetry={() => void placements.refetch()} />
      ) : null}
      {placements.data?.length === 0 ? <p>{t("placement.none")}</p> : null}
      {list.length > 0 ? (
        <ul className="card-list" aria-labelledby="placements-heading" data-testid="placements">
          {list.map((p) => (
            <PlacementCard
              key={p.id}
              placement={p}
              courseId={courseId}
              mayManage={mayManage}
              mayPlan={mayPlan}
            />
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function PlacementCard({
  placement: p,
  courseId,
  mayManage,
  mayPlan,
}: {
  placement: Placement;
  courseId: string;
  mayManage: boolean;
  mayPlan: boolean;
}) {
  const w = useWords();
  const { t } = w;
  const dates = useDates();
  const client = useQueryClient();
  const [stopping, setStopping] = useState(false);
  const refresh = () => {
    void client.invalidateQueries({ queryKey: catalogKeys.placements(courseId) });
    void client.invalidateQueries({ queryKey: catalogKeys.matches(courseId) });
  };
  const move = useWrite((to: Status, key) => afproevApi.move(p.id, { to, version: p.version }, key), {
    onSettled: refresh,
  });
  const forward = p.allowedMoves.filter((m) => m !== "stopped");
  const active = p.status !== "stopped";
  return (
    <li data-testid="placement" data-status={p.status}>
      <h4>
        <Link to={`/katalog/aktiviteter/${p.activity.id}`}>{p.activity.title}</Link>
      </h4>
      <p className="card-meta">
        <span>{p.activity.organisation.name}</span>
        <span className={`status-tag placement-${p.status}`}>{w.code("placementStatus", p.status)}</span>
      </p>
      <PlacementSteps status={p.status} />
      {p.stopReason ? (
        <p className="note-body">{t("placement.stopReason", { reason: p.stopReason })}</p>
      ) : null}
      {p.reasons.length > 0 ? (
        <p className="form-hint">
          {t("placement.reasons", { list: p.reasons.map((r) => w.reason(r)).join(" · ") })}
        </p>
      ) : null}
      {mayManage && active ? (
        <div className="card-buttons">
          {forward.map((to) => (
            <Button
              key={to}
              variant="secondary"
              pending={move.isPending && move.variables === to}
              disabled={move.isPending}
              onClick={() => move.mutate(to)}
            >
              {w.code("placementMove", to)}
            </Button>
          ))}
          <Button
            variant="secondary"
            icon="close"
            aria-expanded={stopping}
            onClick={() => setStopping(!stopping)}
          >
            {t("placement.stop")}
          </Button>
        </div>
      ) : null}
      {move.error ? <ActionError error={move.error} /> : null}
      {stopping ? (
        <ReasonForm
          id={`stop-${p.id}`}
          label={t("placement.stopReasonLabel")}
          hint={t("placement.stopReasonHint")}
          submitLabel={t("placement.confirmStop")}
          requiredMessage={t("placement.errors.reason")}
          run={(reason, key) => afproevApi.move(p.id, { to: "stopped", reason, version: p.version }, key)}
          onDone={() => {
            setStopping(false);
            refresh();
          }}
        />
      ) : null}
      {mayPlan && active ? (
        <p className="mt-3">
          <a href="#course-card" className="function-link">
            {t("placement.planAccompaniment")}
          </a>
        </p>
      ) : null}
      <details className="catalog-details">
        <summary>{t("placement.history", { count: p.events.length })}</summary>
        <ol className="history-list">
          {p.events.map((e, i) => (
            <li key={i}>
              <strong>
                {e.fromStatus
                  ? `${w.code("placementStatus", e.fromStatus)} → ${w.code("placementStatus", e.toStatus)}`
                  : w.code("placementStatus", e.toStatus)}
              </strong>
              <span className="card-meta">
                <span>{dates.dateTime(e.at)}</span>
                <span>{e.actor.name}</span>
              </span>
              {e.reason ? <span className="note-body">{e.reason}</span> : null}
            </li>
          ))}
        </ol>
      </details>
    </li>
  );
}

/** The steps as text with the current one marked: never colour alone. */
function PlacementSteps({ status }: { status: Status }) {
  const w = useWords();
  if (status === "stopped") return null;
  const current = (PLACEMENT_STEPS as readonly Status[]).indexOf(status);
  return (
    <ol className="catalog-steps" aria-label={w.t("placement.stepsLabel")}>
      {PLACEMENT_STEPS.map((s, i) => (
        <li
          key={s}
          aria-current={i === current ? "step" : undefined}
          className={i < current ? "done" : i === current ? "current" : undefined}
        >
          {w.code("placementStatus", s)}
        </li>
      ))}
    </ol>
  );
}
