/**
 * System clients of the FHIR read API (issue 14 point 3): the administrator issues a client for
 * the care record or the data warehouse with the resource types it may read, sees its secret once,
 * and revokes it — its tokens stop at once.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  CreateFhirClientBody,
  FHIR_RESOURCE_TYPES,
  type FhirClient,
  type IssuedFhirClient,
} from "../../../shared/api/care-record-clients";
import { ActionError } from "../../components/ActionError";
import { Alert } from "../../components/Alert";
import { Button } from "../../components/Button";
import { CheckboxList, toggle } from "../../components/Choices";
import { ErrorSummary } from "../../components/ErrorSummary";
import { TextField } from "../../components/Field";
import { LoadError } from "../../components/LoadError";
import { Spinner } from "../../components/Spinner";
import { Table } from "../../components/Table";
import { useDates } from "../../format";
import { type FieldSpec, summaryItems, useForm } from "../../forms/useForm";
import { validate } from "../../forms/validation";
import { clientKeys, clientsApi } from "./clients-api";

const ALL = "system/*.read";
const EMPTY = { name: "", scopes: [ALL] as string[] };

export function ClientsSection() {
  const { t } = useTranslation("careRecord");
  const dates = useDates();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: clientKeys.list, queryFn: ({ signal }) => clientsApi.list(signal) });
  const [issued, setIssued] = useState<IssuedFhirClient | null>(null);
  const [revoked, setRevoked] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const revoke = useMutation({
    mutationFn: (id: string) => clientsApi.revoke(id),
    onSuccess: async (client) => {
      setConfirming(null);
      setRevoked(client.name);
      setIssued(null);
      await queryClient.invalidateQueries({ queryKey: clientKeys.list });
    },
  });
  const scopeLabel = (scope: string) =>
    scope === ALL ? t("clients.scopeAll") : scope.replace(/^system\/(.+)\.read$/, "$1");

  return (
    <section className="mt-8" aria-labelledby="fhir-clients-heading">
      <h2 id="fhir-clients-heading">{t("clients.title")}</h2>
      <p>{t("clients.lead")}</p>
      <p className="form-hint">{t("clients.endpoint", { url: `${window.location.origin}/fhir/R4` })}</p>
      {issued ? <IssuedSecret client={issued} /> : null}
      {revoked ? <Alert variant="success" heading={t("clients.revoked", { name: revoked })} /> : null}
      {revoke.error ? <ActionError error={revoke.error} /> : null}
      {list.isPending ? <Spinner /> : null}
      {list.error ? <LoadError error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data && list.data.items.length === 0 ? <p>{t("clients.none")}</p> : null}
      {list.data && list.data.items.length > 0 ? (
        <Table<FhirClient>
          caption={t("clients.tableCaption")}
          captionHidden
          rows={list.data.items}
          rowKey={(c) => c.id}
          columns={[
            {
              key: "name",
              header: t("clients.name"),
              title: t("clients.name"),
              rowHeader: true,
              render: (c) => c.name,
            },
            {
              key: "clientId",
              header: t("clients.clientId"),
              title: t("clients.clientId"),
              render: (c) => <code className="fhir-client-id">{c.clientId}</code>,
            },
            {
              key: "scopes",
              header: t("clients.scopes"),
              title: t("clients.scopes"),
              render: (c) => c.scopes.map(scopeLabel).join(", "),
            },
            {
              key: "used",
              header: t("clients.lastUsed"),
              title: t("clients.lastUsed"),
              render: (c) => (c.lastUsedAt ? dates.dateTime(c.lastUsedAt) : t("clients.never")),
            },
            {
              key: "status",
              header: t("clients.status"),
              title: t("clients.status"),
              render: (c) =>
                c.revokedAt
                  ? t("clients.revokedAt", { date: dates.dateTime(c.revokedAt) })
                  : t("clients.active", { date: dates.dateTime(c.createdAt) }),
            },
            {
              key: "actions",
              header: <span className="sr-only">{t("clients.actions")}</span>,
              title: t("clients.actions"),
              render: (c) =>
                c.revokedAt ? null : confirming === c.id ? (
                  <div className="action-row">
                    <span>{t("clients.confirmRevoke", { name: c.name })}</span>
                    <Button
                      variant="warning"
                      pending={revoke.isPending}
                      onClick={() => !revoke.isPending && revoke.mutate(c.id)}
                    >
                      {t("clients.confirmYes")}
                    </Button>
                    <Button variant="secondary" onClick={() => setConfirming(null)}>
                      {t("clients.confirmNo")}
                    </Button>
                  </div>
                ) : (
                  <Button variant="secondary" icon="close" onClick={() => setConfirming(c.id)}>
                    {t("clients.revoke")}
                    <span className="sr-only"> {c.name}</span>
                  </Button>
                ),
            },
          ]}
        />
      ) : null}
      <CreateClientForm
        onIssued={(client) => {
          setRevoked(null);
          setIssued(client);
        }}
      />
    </section>
  );
}

function CreateClientForm({ onIssued }: { onIssued: (client: IssuedFhirClient) => void }) {
  const { t } = useTranslation("careRecord");
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm(EMPTY);
  const { values, set, errors } = form;
  const create = useMutation({
    mutationFn: clientsApi.create,
    onSuccess: async (client) => {
      set("name")("");
      set("scopes")([ALL]);
      onIssued(client);
      await queryClient.invalidateQueries({ queryKey: clientKeys.list });
    },
    onError: (err) => form.failFromServer(err, tc),
  });
  const fields: FieldSpec[] = [
    { name: "name", inputId: "fhir-client-name", label: t("clients.name") },
    { name: "scopes", inputId: "fhir-client-scopes", label: t("clients.scopes") },
  ];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const result = validate(CreateFhirClientBody, values, tc);
    if (!result.ok) {
      form.fail(result.errors);
      return;
    }
    form.clear();
    if (!create.isPending) create.mutate(result.data);
  };
  const everyType = values.scopes.includes(ALL);
  return (
    <form onSubmit={submit} noValidate className="mt-6" aria-labelledby="fhir-client-create-heading">
      <h3 id="fhir-client-create-heading">{t("clients.createHeading")}</h3>
      <ErrorSummary items={summaryItems(fields, errors)} general={form.general} attempt={form.attempt} />
      <TextField
        id="fhir-client-name"
        label={t("clients.name")}
        hint={t("clients.nameHint")}
        value={values.name}
        onChange={set("name")}
        error={errors.name}
        autoComplete="off"
      />
      <CheckboxList
        id="fhir-client-scopes"
        legend={t("clients.scopes")}
        hint={t("clients.scopesHint")}
        choices={[
          { value: ALL, label: t("clients.scopeAll") },
          ...(everyType
            ? []
            : FHIR_RESOURCE_TYPES.map((type) => ({ value: `system/${type}.read`, label: type }))),
        ]}
        checked={(v) => values.scopes.includes(v)}
        onChange={(v, on) => set("scopes")(toggle(values.scopes, v, on))}
      />
      <Button type="submit" icon="add" pending={create.isPending}>
        {t("clients.create")}
      </Button>
    </form>
  );
}

function IssuedSecret({ client }: { client: IssuedFhirClient }) {
  const { t } = useTranslation("careRecord");
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} tabIndex={-1} data-testid="fhir-client-issued">
      <Alert variant="success" heading={t("clients.issuedHeading", { name: client.name })}>
        <p>{t("clients.once")}</p>
      </Alert>
      <div className="form-group">
        <label className="form-label" htmlFor="fhir-client-issued-id">
          {t("clients.clientId")}
        </label>
        <input
          id="fhir-client-issued-id"
          className="form-input input-width-xl"
          readOnly
          value={client.clientId}
          onFocus={(e) => e.target.select()}
        />
      </div>
      <div className="form-group">
        <label className="form-label" htmlFor="fhir-client-issued-secret">
          {t("clients.secret")}
        </label>
        <input
          id="fhir-client-issued-secret"
          className="form-input input-width-xl"
          readOnly
          value={client.clientSecret}
          onFocus={(e) => e.target.select()}
          data-testid="fhir-client-secret"
        />
      </div>
    </div>
  );
}
