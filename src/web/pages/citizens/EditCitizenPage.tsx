/**
 * Edit a citizen's master data. Only changed fields are sent, with the version the form started
 * from; if someone else saved in between, the API answers 409 and the page says so.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import type { CitizenDetail } from "../../../shared/api/citizens";
import { UpdateCitizenBody } from "../../../shared/api/citizens";
import { ApiError } from "../../api/client";
import { citizensApi, keys } from "../../api/endpoints";
import { citizenResource, RequireCan, useMe } from "../../app/session";
import { Alert } from "../../components/Alert";
import { Button, buttonClass } from "../../components/Button";
import { ErrorSummary } from "../../components/ErrorSummary";
import { TextAreaField } from "../../components/Field";
import { LoadError } from "../../components/LoadError";
import { PageHeading } from "../../components/Page";
import { Spinner } from "../../components/Spinner";
import { useIdempotencyKey } from "../../forms/useIdempotencyKey";
import { summaryItems, useForm } from "../../forms/useForm";
import { validate } from "../../forms/validation";
import { CitizenFields, bodyOf, citizenFieldSpecs, valuesOf } from "./CitizenFields";
import { useCitizen } from "./useCitizen";

function EditForm({ citizen }: { citizen: CitizenDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const [base, setBase] = useState(citizen);
  const form = useForm(() => valuesOf(citizen));
  const idempotency = useIdempotencyKey();
  const [conflict, setConflict] = useState<string | null>(null);
  // Why the register is corrected: kept with the correction's history (GDPR art. 16), never required.
  const [reason, setReason] = useState("");

  const update = useMutation({
    mutationFn: ({ body, key }: { body: UpdateCitizenBody; key: string }) =>
      citizensApi.update(citizen.id, body, key),
    onSuccess: async (saved) => {
      idempotency.done();
      queryClient.setQueryData(keys.citizen(saved.id), saved);
      await queryClient.invalidateQueries({ queryKey: ["citizens"] });
      const { from, listState } = (location.state as { from?: string; listState?: unknown } | null) ?? {};
      navigate(`/borgere/${saved.id}`, { state: { from, listState, saved: "updated" } });
    },
    onError: (err) => {
      if (err instanceof ApiError && err.code === "version_conflict") {
        setConflict(err.message);
        return;
      }
      form.failFromServer(err, t);
    },
  });

  const reload = async () => {
    const fresh = await queryClient.fetchQuery({
      queryKey: keys.citizen(citizen.id),
      queryFn: () => citizensApi.get(citizen.id),
      staleTime: 0,
    });
    setBase(fresh);
    form.setValues(valuesOf(fresh));
    form.clear();
    setConflict(null);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next = bodyOf(form.values);
    const before = bodyOf(valuesOf(base));
    const changed = Object.fromEntries(
      Object.entries(next).filter(([k, v]) => before[k as keyof typeof before] !== v),
    );
    if (Object.keys(changed).length === 0) {
      navigate(`/borgere/${citizen.id}`, { state: location.state });
      return;
    }
    const result = validate(
      UpdateCitizenBody,
      { ...changed, version: base.version, ...(reason.trim() ? { reason: reason.trim() } : {}) },
      t,
    );
    if (!result.ok) {
      form.fail(result.errors);
      return;
    }
    form.clear();
    update.mutate({ body: result.data, key: idempotency.keyFor(result.data) });
  };

  return (
    <>
      {conflict ? (
        <Alert variant="warning" heading={t("citizenForm.conflictHeading")}>
          <p>{conflict}</p>
          <Button variant="secondary" icon="refresh" onClick={() => void reload()}>
            {t("citizenForm.reload")}
          </Button>
        </Alert>
      ) : null}
      <ErrorSummary
        items={summaryItems(citizenFieldSpecs(t, false), form.errors)}
        general={form.general}
        attempt={form.attempt}
      />
      <form onSubmit={submit} noValidate>
        <CitizenFields values={form.values} set={form.set} errors={form.errors} withCpr={false} />
        <TextAreaField
          id="citizen-reason"
          label={t("citizenForm.reasonLabel")}
          hint={t("citizenForm.reasonHint")}
          optional
          rows={2}
          maxLength={200}
          error={form.errors.reason}
          value={reason}
          onChange={setReason}
        />
        <div className="button-group mt-6">
          <Button type="submit" pending={update.isPending} icon="save">
            {t("citizenForm.save")}
          </Button>
          <Link to={`/borgere/${citizen.id}`} state={location.state} className={buttonClass("secondary")}>
            {t("common.cancel")}
          </Link>
        </div>
      </form>
    </>
  );
}

export default function EditCitizenPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const { data: me } = useMe();
  const citizen = useCitizen(id);
  if (citizen.isPending) return <Spinner />;
  if (citizen.isError) return <LoadError error={citizen.error} onRetry={() => void citizen.refetch()} />;
  const c = citizen.data;
  if (!me) return null;
  return (
    <RequireCan action={{ kind: "citizen.update", citizen: citizenResource(me, c) }}>
      <div className="row">
        <div className="col-12 col-lg-8">
          <PageHeading title={t("citizenForm.editTitle", { name: c.name })}>
            {t("citizenForm.editTitle", { name: c.name })}
          </PageHeading>
          <p className="font-lead">
            {t("citizen.cpr")}: <span className="cpr">{c.cprMasked}</span>
          </p>
          <EditForm citizen={c} />
        </div>
      </div>
    </RequireCan>
  );
}
