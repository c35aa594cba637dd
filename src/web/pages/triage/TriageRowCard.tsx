/** One citizen at the triage meeting: latest colour, and one-click colour and decision buttons (click again to clear). */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { RISK_COLOURS, TRIAGE_DECISIONS, type TriageFilter } from "../../../domain/vocabulary/detection";
import type { TriageMeeting } from "../../../shared/api/detection";
import { LoadError } from "../../components/LoadError";
import { RiskBadge } from "../../components/RiskBadge";
import { useDates } from "../../format";
import { type TriageDecisionInput, detectionApi } from "../detection/api";
import "./triage.css";

type Row = TriageMeeting["rows"][number];

export function TriageRowCard({
  meetingId,
  filter,
  row,
  onDecided,
}: {
  meetingId: string;
  filter: TriageFilter;
  row: Row;
  /** Told when a decision is set, since that makes the citizen discussed (the page may then hide it). */
  onDecided?: (citizenId: string) => void;
}) {
  const { t } = useTranslation("detection");
  const dates = useDates();
  const client = useQueryClient();
  const id = row.citizen.id;

  const decide = useMutation({
    mutationFn: (body: TriageDecisionInput) => detectionApi.decide(meetingId, id, body),
    // Shown at once; the server's answer (or a refetch after a failure) settles it.
    onMutate: (body) => {
      client.setQueryData<TriageMeeting>(["triage", "meeting", meetingId, filter], (m) =>
        m
          ? {
              ...m,
              rows: m.rows.map((r) =>
                r.citizen.id === id
                  ? {
                      ...r,
                      ...(body.colour !== undefined ? { meetingColour: body.colour } : {}),
                      ...(body.decision !== undefined ? { decision: body.decision } : {}),
                    }
                  : r,
              ),
            }
          : m,
      );
    },
    onSettled: () => client.invalidateQueries({ queryKey: ["triage", "meeting", meetingId] }),
  });

  return (
    <li data-testid="triage-row">
      <h3 id={`triage-name-${id}`}>
        <Link to={`/borgere/${id}`}>{row.citizen.name}</Link>
      </h3>
      <p className="card-meta">
        <span>{row.citizen.address}</span>
        {row.citizen.provider ? <span>{row.citizen.provider.name}</span> : null}
      </p>
      <p className="card-meta">
        {row.colour ? (
          <>
            <RiskBadge colour={row.colour} />
            <span>
              {dates.day(row.colourDate)} ({t(`colourSource.${row.colourSource ?? "screening"}`)})
            </span>
          </>
        ) : (
          <span>{t("triage.noColour")}</span>
        )}
        <span>
          {row.lastScreenedOn
            ? t("triage.lastScreened", { date: dates.day(row.lastScreenedOn) })
            : t("triage.neverScreened")}
        </span>
      </p>
      <p className="triage-group-label" id={`triage-colour-${id}`}>
        {t("triage.colour")}
      </p>
      <div className="triage-buttons" role="group" aria-labelledby={`triage-colour-${id} triage-name-${id}`}>
        {RISK_COLOURS.map((c) => (
          <button
            key={c}
            type="button"
            className="button button-secondary"
            aria-pressed={row.meetingColour === c}
            onClick={() => decide.mutate({ colour: row.meetingColour === c ? null : c })}
          >
            <span className={`risk-badge risk-${c}`}>
              <span className="risk-dot" aria-hidden="true" />
              {t(`colour.${c}`)}
            </span>
          </button>
        ))}
      </div>
      <p className="triage-group-label" id={`triage-decision-${id}`}>
        {t("triage.decision")}
      </p>
      <div
        className="triage-buttons"
        role="group"
        aria-labelledby={`triage-decision-${id} triage-name-${id}`}
      >
        {TRIAGE_DECISIONS.map((d) => (
          <button
            key={d}
            type="button"
            className="button button-secondary"
            aria-pressed={row.decision === d}
            onClick={() => {
              const next = row.decision === d ? null : d;
              decide.mutate({ decision: next });
              if (next) onDecided?.(id);
            }}
          >
            {t(`triageDecision.${d}`)}
          </button>
        ))}
      </div>
      {row.decision ? (
        <p className="triage-discussed no-print">
          <strong>{t("triage.discussed")}</strong>: {t(`triageDecision.${row.decision}`)}
        </p>
      ) : null}
      <p className="triage-minutes">
        {t("triage.minutes")}: {row.meetingColour ? t(`colour.${row.meetingColour}`) : "–"} ·{" "}
        {row.decision ? t(`triageDecision.${row.decision}`) : "–"}
      </p>
      {decide.error ? <LoadError error={decide.error} /> : null}
    </li>
  );
}
