/**
 * Provisioning (issue 15 point 2, decision 0102): the administrator issues a SCIM token for the
 * municipality's identity provider (Entra ID, AD FS), sees it once, and revokes it — the next
 * request with it is refused. The page also gives the tenant URL the identity provider needs.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { CreateScimTokenBody, type IssuedScimToken, type ScimToken } from "../../../shared/api/provisioning";
import { ActionError } from "../../components/ActionError";
import { Alert } from "../../components/Alert";
import { Button } from "../../components/Button";
import { ErrorSummary } from "../../components/ErrorSummary";
import { TextField } from "../../components/Field";
import { LoadError } from "../../components/LoadError";
import { Spinner } from "../../components/Spinner";
import { Table } from "../../components/Table";
import { useDates } from "../../format";
import { type FieldSpec, summaryItems, useForm } from "../../forms/useForm";
import { validate } from "../../forms/validation";
import { AdminFrame } from "./AdminFrame";
import { scimTokenKeys, scimTokensApi } from "./scim-tokens-api";

export default function ScimTokensPage() {
  const { t } = useTranslation("provisioning");
  const dates = useDates();
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: scimTokenKeys.list,
    queryFn: ({ signal }) => scimTokensApi.list(signal),
  });
  const [issued, setIssued] = useState<IssuedScimToken | null>(null);
  const [revoked, setRevoked] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const revoke = useMutation({
    mutationFn: (id: string) => scimTokensApi.revoke(id),
    onSuccess: async (token) => {
      setConfirming(null);
      setRevoked(token.name);
      setIssued(null);
      await queryClient.invalidateQueries({ queryKey: scimTokenKeys.list });
    },
  });

  return (
    <AdminFrame title={t("title")}>
      <p>{t("lead")}</p>
      <div className="form-group">
        <label className="form-label" htmlFor="scim-tenant-url">
          {t("tenantUrl")}
        </label>
        <span className="form-hint">{t("tenantUrlHint")}</span>
        <input
          id="scim-tenant-url"
          className="form-input input-width-xl"
          readOnly
          value={`${window.location.origin}/scim/v2`}
          onFocus={(e) => e.target.select()}
        />
      </div>
      {issued ? <IssuedToken token={issued} /> : null}
      {revoked ? <Alert variant="success" heading={t("revoked", { name: revoked })} /> : null}
      {revoke.error ? <ActionError error={revoke.error} /> : null}
      <h2>{t("listHeading")}</h2>
      {list.isPending ? <Spinner /> : null}
      {list.error ? <LoadError error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data && list.data.items.length === 0 ? <p>{t("none")}</p> : null}
      {list.data && list.data.items.length > 0 ? (
        <Table<ScimToken>
          caption={t("listHeading")}
          captionHidden
          rows={list.data.items}
          rowKey={(c) => c.id}
          columns={[
            { key: "name", header: t("name"), title: t("name"), rowHeader: true, render: (c) => c.name },
            {
              key: "used",
              header: t("lastUsed"),
              title: t("lastUsed"),
              render: (c) => (c.lastUsedAt ? dates.dateTime(c.lastUsedAt) : t("never")),
            },
            {
              key: "status",
              header: t("status"),
              title: t("status"),
              render: (c) =>
                c.revokedAt
                  ? t("revokedAt", { date: dates.dateTime(c.revokedAt) })
                  : t("active", {
                      date: dates.dateTime(c.createdAt),
                      name: c.createdBy?.name ?? t("unknownCreator"),
                    }),
            },
            {
              key: "actions",
              header: <span className="sr-only">{t("actions")}</span>,
              title: t("actions"),
              render: (c) =>
                c.revokedAt ? null : confirming === c.id ? (
                  <div className="action-row">
                    <span>{t("confirmRevoke", { name: c.name })}</span>
                    <Button
                      variant="warning"
                      pending={revoke.isPending}
                      onClick={() => !revoke.isPending && revoke.mutate(c.id)}
                    >
                      {t("confirmYes")}
                    </Button>
                    <Button variant="secondary" onClick={() => setConfirming(null)}>
                      {t("confirmNo")}
                    </Button>
                  </div>
                ) : (
                  <Button variant="secondary" icon="close" onClick={() => setConfirming(c.id)}>
                    {t("revoke")}
                    <span className="sr-only"> {c.name}</span>
                  </Button>
                ),
            },
          ]}
        />
      ) : null}
      <CreateTokenForm
        onIssued={(token) => {
          setRevoked(null);
          setIssued(token);
        }}
      />
      <h2>{t("mappingHeading")}</h2>
      <p>{t("mappingLead")}</p>
      <ul>
        <li>{t("mappingRole")}</li>
        <li>{t("mappingUnit")}</li>
        <li>{t("mappingLeaver")}</li>
      </ul>
    </AdminFrame>
  );
}

function CreateTokenForm({ onIssued }: { onIssued: (token: IssuedScimToken) => void }) {
  const { t } = useTranslation("provisioning");
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({ name: "" });
  const { values, set, errors } = form;
  const create = useMutation({
    mutationFn: scimTokensApi.create,
    onSuccess: async (token) => {
      set("name")("");
      onIssued(token);
      await queryClient.invalidateQueries({ queryKey: scimTokenKeys.list });
    },
    onError: (err) => form.failFromServer(err, tc),
  });
  const fields: FieldSpec[] = [{ name: "name", inputId: "scim-token-name", label: t("name") }];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const result = validate(CreateScimTokenBody, values, tc);
    if (!result.ok) {
      form.fail(result.errors);
      return;
    }
    form.clear();
    if (!create.isPending) create.mutate(result.data);
  };
  return (
    <form onSubmit={submit} noValidate className="mt-6" aria-labelledby="scim-token-create-heading">
      <h2 id="scim-token-create-heading">{t("createHeading")}</h2>
      <ErrorSummary items={summaryItems(fields, errors)} general={form.general} attempt={form.attempt} />
      <TextField
        id="scim-token-name"
        label={t("name")}
        hint={t("nameHint")}
        value={values.name}
        onChange={set("name")}
        error={errors.name}
        autoComplete="off"
      />
      <Button type="submit" icon="add" pending={create.isPending}>
        {t("create")}
      </Button>
    </form>
  );
}

function IssuedToken({ token }: { token: IssuedScimToken }) {
  const { t } = useTranslation("provisioning");
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} tabIndex={-1} data-testid="scim-token-issued">
      <Alert variant="success" heading={t("issuedHeading", { name: token.name })}>
        <p>{t("once")}</p>
      </Alert>
      <div className="form-group">
        <label className="form-label" htmlFor="scim-token-secret">
          {t("token")}
        </label>
        <input
          id="scim-token-secret"
          className="form-input input-width-xl"
          readOnly
          value={token.token}
          onFocus={(e) => e.target.select()}
          data-testid="scim-token-secret"
        />
      </div>
    </div>
  );
}
