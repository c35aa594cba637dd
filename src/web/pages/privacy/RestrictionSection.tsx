/**
 * "Begrænsning af behandling" on the citizen's data-protection page (GDPR art. 18, issue 13 point 2):
 * whether processing is restricted, the form to restrict (reason, then a confirmation step of its
 * own) or to lift it (reason), and every restriction there has been.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { CitizenDetail } from "../../../shared/api/citizens";
import type { RestrictionState } from "../../../shared/api/privacy-rights";
import { citizenResource, useCan, useMe } from "../../app/session";
import { ActionError } from "../../components/ActionError";
import { Alert } from "../../components/Alert";
import { Button } from "../../components/Button";
import { ErrorSummary } from "../../components/ErrorSummary";
import { TextAreaField } from "../../components/Field";
import { LoadError } from "../../components/LoadError";
import { Spinner } from "../../components/Spinner";
import { Table } from "../../components/Table";
import { useFocusWhenOpened } from "../../components/focus";
import { summaryItems, useForm } from "../../forms/useForm";
import { useWrite } from "../../forms/useWrite";
import { useDates } from "../../format";
import { rightsApi, rightsKeys } from "./rights-api";
import "./rights.css";

export function RestrictionSection({ citizen }: { citizen: CitizenDetail }) {
  const { t } = useTranslation("privacy");
  const { data: me } = useMe();
  const can = useCan();
  const resource = me ? citizenResource(me, citizen) : null;
  const allowed = resource ? can({ kind: "citizen.privacy", citizen: resource }) : false;
  const state = useQuery({
    queryKey: rightsKeys.restriction(citizen.id),
    queryFn: ({ signal }) => rightsApi.restriction(citizen.id, signal),
    enabled: allowed,
  });
  if (!resource || !allowed) return null;
  const mayMove = can({ kind: "citizen.restrict", citizen: resource });
  return (
    <section aria-labelledby="restriction-heading" className="mt-8">
      <h2 id="restriction-heading">{t("rights.restriction.heading")}</h2>
      <p>{t("rights.restriction.lead")}</p>
      {state.isPending ? <Spinner /> : null}
      {state.isError ? <LoadError error={state.error} onRetry={() => void state.refetch()} /> : null}
      {state.data ? (
        <>
          {mayMove ? <RestrictionForm citizen={citizen} restricted={state.data.restricted} /> : null}
          <RestrictionHistory state={state.data} />
        </>
      ) : null}
    </section>
  );
}

function RestrictionForm({ citizen, restricted }: { citizen: CitizenDetail; restricted: boolean }) {
  const { t } = useTranslation("privacy");
  const { t: tc } = useTranslation();
  const client = useQueryClient();
  const move = restricted ? "lift" : "restrict";
  const form = useForm({ reason: "" });
  const { values, set, errors } = form;
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<"restrict" | "lift" | null>(null);
  const write = useWrite(
    (body: { reason: string }, key: string) =>
      move === "restrict" ? rightsApi.restrict(citizen.id, body, key) : rightsApi.lift(citizen.id, body, key),
    {
      onSuccess: () => {
        setConfirming(false);
        setDone(move);
        set("reason")("");
        // The banner, this section and every list of citizens change with it.
        void client.invalidateQueries({ queryKey: ["citizen", citizen.id] });
        void client.invalidateQueries({ queryKey: ["citizens"] });
        void client.invalidateQueries({ queryKey: rightsKeys.restricted });
      },
      onError: (err) => {
        setConfirming(false);
        form.failFromServer(err, tc);
      },
    },
  );
  const fields = [
    { name: "reason", inputId: `restriction-reason`, label: t(`rights.restriction.${move}.reason`) },
  ];

  function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    if (!values.reason.trim()) return form.fail({ reason: t("rights.restriction.reasonRequired") });
    form.clear();
    // Restricting hides the citizen from everyone's lists: it gets a confirmation step of its own.
    if (move === "restrict") setConfirming(true);
    else write.mutate({ reason: values.reason.trim() });
  }

  return (
    <form onSubmit={submit} noValidate className="mt-4">
      <ErrorSummary
        items={summaryItems(fields, errors)}
        general={Object.keys(errors).length ? null : form.general}
        attempt={form.attempt}
      />
      {done ? (
        <Alert variant="success" heading={t(`rights.restriction.done.${done}`)} headingLevel={3} />
      ) : null}
      <TextAreaField
        id="restriction-reason"
        label={t(`rights.restriction.${move}.reason`)}
        hint={t(`rights.restriction.${move}.hint`)}
        error={errors.reason}
        value={values.reason}
        onChange={(v) => {
          setConfirming(false);
          set("reason")(v);
        }}
      />
      {confirming ? (
        <RestrictConfirmation
          name={citizen.name}
          pending={write.isPending}
          onYes={() => write.mutate({ reason: values.reason.trim() })}
          onCancel={() => setConfirming(false)}
        />
      ) : (
        <div className="action-row">
          <Button
            type="submit"
            variant={move === "restrict" ? "warning" : "primary"}
            icon={move === "restrict" ? "lock" : "check"}
            pending={write.isPending}
          >
            {t(`rights.restriction.${move}.submit`)}
          </Button>
        </div>
      )}
      {write.isError && !form.general && Object.keys(errors).length === 0 ? (
        <ActionError error={write.error} />
      ) : null}
    </form>
  );
}

function RestrictConfirmation({
  name,
  pending,
  onYes,
  onCancel,
}: {
  name: string;
  pending: boolean;
  onYes: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation("privacy");
  const headingId = "restriction-confirm-heading";
  useFocusWhenOpened(headingId);
  return (
    <div className="privacy-confirm" role="group" aria-labelledby={headingId}>
      <h3 id={headingId} tabIndex={-1}>
        {t("rights.restriction.confirm.heading", { name })}
      </h3>
      <p>{t("rights.restriction.confirm.text")}</p>
      <div className="action-row">
        <Button variant="warning" icon="lock" pending={pending} onClick={onYes}>
          {t("rights.restriction.confirm.yes")}
        </Button>
        <Button variant="secondary" icon="close" disabled={pending} onClick={onCancel}>
          {t("rights.restriction.confirm.cancel")}
        </Button>
      </div>
    </div>
  );
}

function RestrictionHistory({ state }: { state: RestrictionState }) {
  const { t } = useTranslation("privacy");
  const dates = useDates();
  if (state.history.length === 0) return <p className="mt-4">{t("rights.restriction.none")}</p>;
  const who = (p: { name: string } | null) => p?.name ?? t("rights.unknownUser");
  return (
    <div className="mt-6" data-testid="restriction-history">
      <Table
        caption={t("rights.restriction.historyCaption")}
        compact
        rows={state.history}
        rowKey={(r) => r.id}
        columns={[
          {
            key: "restricted",
            header: t("rights.restriction.columns.restricted"),
            title: t("rights.restriction.columns.restricted"),
            render: (r) => (
              <>
                <span className="text-nowrap">{dates.dateTime(r.restrictedAt)}</span>
                <span className="d-block small-text">{who(r.restrictedBy)}</span>
              </>
            ),
          },
          {
            key: "reason",
            header: t("rights.restriction.columns.reason"),
            title: t("rights.restriction.columns.reason"),
            render: (r) => r.reason,
          },
          {
            key: "lifted",
            header: t("rights.restriction.columns.lifted"),
            title: t("rights.restriction.columns.lifted"),
            render: (r) =>
              r.liftedAt ? (
                <>
                  <span className="text-nowrap">{dates.dateTime(r.liftedAt)}</span>
                  <span className="d-block small-text">{who(r.liftedBy)}</span>
                  {r.liftReason ? <span className="d-block">{r.liftReason}</span> : null}
                </>
              ) : (
                <strong>{t("rights.restriction.stillOpen")}</strong>
              ),
          },
        ]}
      />
    </div>
  );
}
