/**
 * The citizen page's "Ensomhed" section: fill in the detection form, send an advis, grant an
 * opsporingsklip (planners), the screening history, and the journal notes tagged ensomhed
 * (active ones first; an active note can be closed).
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { CitizenDetail } from "../../../shared/api/citizens";
import { citizenResource, useCan, useMe } from "../../app/session";
import { Button, buttonClass } from "../../components/Button";
import { Icon } from "../../components/Icon";
import { LoadError } from "../../components/LoadError";
import { RiskBadge } from "../../components/RiskBadge";
import { Spinner } from "../../components/Spinner";
import { useDates } from "../../format";
import { type JournalNote, detectionApi, detectionKeys } from "./api";
import { GrantClipForm } from "./GrantClipForm";
import { SendAdvisForm } from "./SendAdvisForm";

/**
 * Two parts (issue 17 point 3): the actions (detection form, advis, opsporingsklip) come near the top
 * of the citizen page, so a worker on a phone reaches them before the history; the history of
 * screenings and notes comes last. DOM order, so a screen reader meets them in the same order.
 */
export default function CitizenDetectionSection({
  citizen,
  part,
}: {
  citizen: CitizenDetail;
  part: "actions" | "history";
}) {
  const { t } = useTranslation("detection");
  const { data: me } = useMe();
  const can = useCan();
  const [open, setOpen] = useState<"advis" | "clip" | null>(null);
  if (!me) return null;
  const resource = citizenResource(me, citizen);
  const mayScreen = can({ kind: "screening.create", citizen: resource });
  const mayRefer = can({ kind: "referral.createForCitizen", citizen: resource });
  const mayGrant = can({ kind: "detectionClip.grant", citizen: resource });
  const mayWriteJournal = can({ kind: "journal.write", citizen: resource });

  if (part === "history")
    return (
      <section aria-labelledby="detection-history-heading" className="mt-6">
        <h2 id="detection-history-heading">{t("citizen.historyHeading")}</h2>
        <ScreeningHistory citizenId={citizen.id} />
        <LonelinessNotes citizenId={citizen.id} mayClose={mayWriteJournal} />
      </section>
    );
  if (!mayScreen && !mayRefer && !mayGrant) return null;
  return (
    <section aria-labelledby="detection-heading" className="mt-6">
      <h2 id="detection-heading">{t("citizen.heading")}</h2>
      <div className="action-row">
        {mayScreen ? (
          <Link to={`/borgere/${citizen.id}/opsporing`} className={buttonClass("primary")}>
            <Icon name="checklist" />
            {t("citizen.fillForm")}
          </Link>
        ) : null}
        {mayRefer ? (
          <Button
            variant="secondary"
            icon="send"
            aria-expanded={open === "advis"}
            aria-controls={open === "advis" ? "advis-panel" : undefined}
            onClick={() => setOpen(open === "advis" ? null : "advis")}
          >
            {t("citizen.sendAdvis")}
          </Button>
        ) : null}
        {mayGrant ? (
          <Button
            variant="secondary"
            icon="calendar-month"
            aria-expanded={open === "clip"}
            aria-controls={open === "clip" ? "clip-panel" : undefined}
            onClick={() => setOpen(open === "clip" ? null : "clip")}
          >
            {t("citizen.grantClip")}
          </Button>
        ) : null}
      </div>
      {open === "advis" ? (
        <div id="advis-panel" className="section-panel">
          <SendAdvisForm citizenId={citizen.id} onClose={() => setOpen(null)} />
        </div>
      ) : null}
      {open === "clip" ? (
        <div id="clip-panel" className="section-panel">
          <GrantClipForm citizenId={citizen.id} onClose={() => setOpen(null)} />
        </div>
      ) : null}
    </section>
  );
}

function ScreeningHistory({ citizenId }: { citizenId: string }) {
  const { t } = useTranslation("detection");
  const dates = useDates();
  const history = useQuery({
    queryKey: detectionKeys.screenings(citizenId),
    queryFn: ({ signal }) => detectionApi.screenings(citizenId, signal),
  });
  return (
    <>
      <h3 id="screenings-heading">{t("citizen.screenings")}</h3>
      {history.isPending ? <Spinner /> : null}
      {history.error ? <LoadError error={history.error} onRetry={() => void history.refetch()} /> : null}
      {history.data?.length === 0 ? <p>{t("citizen.noScreenings")}</p> : null}
      {history.data && history.data.length > 0 ? (
        <ul className="history-list" aria-labelledby="screenings-heading" data-testid="screening-history">
          {history.data.map((s) => (
            <li key={s.id}>
              <p className="mb-0">
                {s.outcome ? (
                  <>
                    <RiskBadge colour={s.outcome.colour} /> <strong lang="da">{s.outcome.label}</strong>
                  </>
                ) : (
                  <strong>{t("result.unanswered")}</strong>
                )}
              </p>
              <p className="card-meta">
                <span>{dates.dateTime(s.performedAt)}</span>
                <span lang="da">
                  {s.questionnaire.title} ({t("citizen.version", { version: s.questionnaire.version })})
                </span>
                <span>{s.performedBy.name}</span>
                <span>
                  {s.exclusionReason
                    ? t("citizen.excluded", { reason: t(`exclusion.${s.exclusionReason}`) })
                    : t("citizen.consentWas", { consent: t(`consent.${s.consent}`) })}
                </span>
                {s.referral ? (
                  <span>{t("citizen.referralReceipt", { receipt: s.referral.receiptNumber })}</span>
                ) : null}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

function LonelinessNotes({ citizenId, mayClose }: { citizenId: string; mayClose: boolean }) {
  const { t } = useTranslation("detection");
  const dates = useDates();
  const client = useQueryClient();
  const notes = useQuery({
    queryKey: detectionKeys.journal(citizenId),
    queryFn: ({ signal }) => detectionApi.journal(citizenId, signal),
  });
  const close = useMutation({
    mutationFn: (note: JournalNote) => detectionApi.setNoteActive(citizenId, note.id, false),
    onSuccess: () => client.invalidateQueries({ queryKey: detectionKeys.journal(citizenId) }),
  });
  // The server sends active notes first; keep that order even if it changes.
  const sorted = notes.data
    ? [...notes.data.filter((n) => n.active), ...notes.data.filter((n) => !n.active)]
    : [];
  return (
    <>
      <h3 id="notes-heading">{t("citizen.notes")}</h3>
      {notes.isPending ? <Spinner /> : null}
      {notes.error ? <LoadError error={notes.error} onRetry={() => void notes.refetch()} /> : null}
      {close.error ? <LoadError error={close.error} /> : null}
      {notes.data?.length === 0 ? <p>{t("citizen.noNotes")}</p> : null}
      {sorted.length > 0 ? (
        <ul className="card-list" aria-labelledby="notes-heading">
          {sorted.map((n) => (
            <li key={n.id}>
              <h4 className="h5 mb-0">
                {n.title}
                {n.active ? (
                  <span className="status-tag status-info_requested ml-2">{t("citizen.activeNote")}</span>
                ) : null}
              </h4>
              <p className="card-meta">
                <span>{t(`noteKind.${n.kind}`)}</span>
                <span>{dates.dateTime(n.createdAt)}</span>
                <span>
                  {n.author.name}, {n.organisation.name}
                </span>
              </p>
              <p className="note-body">{n.body}</p>
              {n.active && mayClose ? (
                <Button
                  variant="secondary"
                  onClick={() => close.mutate(n)}
                  pending={close.isPending && close.variables?.id === n.id}
                >
                  {t("citizen.closeNote")}
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
