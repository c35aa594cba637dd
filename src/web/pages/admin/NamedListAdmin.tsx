/**
 * Organisations and districts are both "a named thing that can be renamed and deactivated";
 * one component administers either (organisations also have a kind).
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { ApiError } from "../../api/client";
import { Alert } from "../../components/Alert";
import { Button } from "../../components/Button";
import { ErrorSummary } from "../../components/ErrorSummary";
import { type Option, SelectField, TextField } from "../../components/Field";
import { useFocusWhenOpened } from "../../components/focus";
import { LoadError } from "../../components/LoadError";
import { Spinner } from "../../components/Spinner";
import { type Column, Table } from "../../components/Table";
import { useIdempotencyKey } from "../../forms/useIdempotencyKey";
import { type FieldSpec, summaryItems, useForm } from "../../forms/useForm";
import { validate } from "../../forms/validation";

export interface Named {
  id: string;
  name: string;
  active: boolean;
  kind?: string;
  sorCode?: string | null;
}

export interface NamedListConfig<T extends Named> {
  /** i18n prefix: admin.organisation / admin.district */
  prefix: string;
  queryKey: readonly string[];
  list: (signal?: AbortSignal) => Promise<T[]>;
  create: (body: { name: string; kind?: string }, key: string) => Promise<T>;
  update: (
    id: string,
    body: { name?: string; active?: boolean; sorCode?: string | null },
    key?: string,
  ) => Promise<T>;
  createSchema: z.ZodType;
  renameSchema: z.ZodType;
  kinds?: Option[];
  /** Organisations: the SOR code, shown and edited beside the name (the care-record import matches providers by it, issue 14). */
  sorCode?: boolean;
}

function CreateForm<T extends Named>({
  config,
  onCreated,
}: {
  config: NamedListConfig<T>;
  onCreated: (item: T) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({ name: "", kind: config.kinds?.[0]?.value ?? "" });
  const idempotency = useIdempotencyKey();
  const create = useMutation({
    mutationFn: ({ body, key }: { body: { name: string; kind?: string }; key: string }) =>
      config.create(body, key),
    onSuccess: async (item) => {
      idempotency.done();
      form.setValues({ name: "", kind: config.kinds?.[0]?.value ?? "" });
      await queryClient.invalidateQueries({ queryKey: config.queryKey });
      onCreated(item);
    },
    onError: (err) => form.failFromServer(err, t),
  });
  const fields: FieldSpec[] = [
    { name: "name", inputId: `${config.prefix}-new-name`, label: t(`${config.prefix}.name`) },
    { name: "kind", inputId: `${config.prefix}-new-kind`, label: t(`${config.prefix}.kind`) },
  ];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input = config.kinds
      ? { name: form.values.name, kind: form.values.kind }
      : { name: form.values.name };
    const result = validate(config.createSchema, input, t);
    if (!result.ok) {
      form.fail(result.errors);
      return;
    }
    form.clear();
    const body = result.data as { name: string; kind?: string };
    create.mutate({ body, key: idempotency.keyFor(body) });
  };
  return (
    <form
      onSubmit={submit}
      noValidate
      className="admin-create"
      aria-labelledby={`${config.prefix}-create-heading`}
    >
      <h2 id={`${config.prefix}-create-heading`} className="h3">
        {t(`${config.prefix}.createHeading`)}
      </h2>
      <ErrorSummary items={summaryItems(fields, form.errors)} general={form.general} attempt={form.attempt} />
      <TextField
        id={`${config.prefix}-new-name`}
        label={t(`${config.prefix}.name`)}
        value={form.values.name}
        onChange={form.set("name")}
        error={form.errors.name}
      />
      {config.kinds ? (
        <SelectField
          id={`${config.prefix}-new-kind`}
          label={t(`${config.prefix}.kind`)}
          value={form.values.kind}
          onChange={form.set("kind")}
          options={config.kinds}
          error={form.errors.kind}
        />
      ) : null}
      <Button type="submit" pending={create.isPending} icon="plus">
        {t(`${config.prefix}.create`)}
      </Button>
    </form>
  );
}

function RenameForm<T extends Named>({
  config,
  item,
  onDone,
}: {
  config: NamedListConfig<T>;
  item: T;
  onDone: (message: string | null) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState(item.name);
  const [sorCode, setSorCode] = useState(item.sorCode ?? "");
  useFocusWhenOpened(`rename-${item.id}`);
  const [error, setError] = useState<string | undefined>();
  const [sorError, setSorError] = useState<string | undefined>();
  const idempotency = useIdempotencyKey();
  const body = () =>
    config.sorCode ? { name: name.trim(), sorCode: sorCode.trim() || null } : { name: name.trim() };
  const rename = useMutation({
    mutationFn: ({ key }: { key: string }) => config.update(item.id, body(), key),
    onSuccess: async (saved) => {
      idempotency.done();
      await queryClient.invalidateQueries({ queryKey: config.queryKey });
      onDone(t(`${config.prefix}.renamed`, { name: saved.name }));
    },
    onError: (err) => {
      const message = err instanceof ApiError ? err.message : t("common.unexpectedError");
      if (err instanceof ApiError && err.code === "duplicate_sor_code") setSorError(message);
      else setError(message);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const result = validate(config.renameSchema, config.sorCode ? { name, sorCode } : { name }, t);
    setError(undefined);
    setSorError(undefined);
    if (!result.ok) {
      if (result.errors.name) setError(result.errors.name);
      if (result.errors.sorCode) setSorError(t(`${config.prefix}.sorCodeInvalid`));
      document.getElementById(result.errors.name ? `rename-${item.id}` : `sor-${item.id}`)?.focus();
      return;
    }
    rename.mutate({ key: idempotency.keyFor(body()) });
  };
  return (
    <form onSubmit={submit} noValidate className="inline-edit">
      <TextField
        id={`rename-${item.id}`}
        label={t(`${config.prefix}.newName`, { name: item.name })}
        value={name}
        onChange={setName}
        error={error}
      />
      {config.sorCode ? (
        <TextField
          id={`sor-${item.id}`}
          label={t(`${config.prefix}.sorCode`)}
          hint={t(`${config.prefix}.sorCodeHint`)}
          value={sorCode}
          onChange={setSorCode}
          error={sorError}
          optional
          inputMode="numeric"
        />
      ) : null}
      <div className="button-group">
        <Button type="submit" pending={rename.isPending}>
          {t("common.save")}
        </Button>
        <Button variant="secondary" onClick={() => onDone(null)}>
          {t("common.cancel")}
        </Button>
      </div>
    </form>
  );
}

export function NamedListAdmin<T extends Named>({ config }: { config: NamedListConfig<T> }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: config.queryKey, queryFn: ({ signal }) => config.list(signal) });
  const [renaming, setRenaming] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const toggle = useMutation({
    // Setting "active" to a value is idempotent by itself: no key needed.
    mutationFn: (item: T) => config.update(item.id, { active: !item.active }),
    onSuccess: async (saved) => {
      setFailure(null);
      setNotice(
        t(saved.active ? `${config.prefix}.activated` : `${config.prefix}.deactivated`, { name: saved.name }),
      );
      await queryClient.invalidateQueries({ queryKey: config.queryKey });
    },
    onError: (err) => setFailure(err instanceof ApiError ? err.message : t("common.unexpectedError")),
  });

  const columns: Column<T>[] = [
    {
      key: "name",
      header: t(`${config.prefix}.name`),
      title: t(`${config.prefix}.name`),
      rowHeader: true,
      render: (item) =>
        renaming === item.id ? (
          <RenameForm
            config={config}
            item={item}
            onDone={(message) => {
              setRenaming(null);
              if (message) setNotice(message);
            }}
          />
        ) : (
          item.name
        ),
    },
  ];
  if (config.kinds) {
    columns.push({
      key: "kind",
      header: t(`${config.prefix}.kind`),
      title: t(`${config.prefix}.kind`),
      render: (item) => t(`organisationKinds.${item.kind}`),
    });
  }
  if (config.sorCode) {
    columns.push({
      key: "sorCode",
      header: t(`${config.prefix}.sorCode`),
      title: t(`${config.prefix}.sorCode`),
      render: (item) => item.sorCode ?? "–",
    });
  }
  columns.push(
    {
      key: "status",
      header: t("admin.status"),
      title: t("admin.status"),
      render: (item) => (
        <span className={`badge ${item.active ? "badge-success" : "badge-warning"}`}>
          {item.active ? t("common.active") : t("common.inactive")}
        </span>
      ),
    },
    {
      key: "actions",
      header: t("common.actions"),
      title: t("common.actions"),
      render: (item) => (
        <span className="row-actions">
          <Button
            variant="function-link"
            icon="edit"
            onClick={() => setRenaming(item.id)}
            disabled={renaming === item.id}
          >
            {t("admin.rename")}
            <span className="sr-only"> {item.name}</span>
          </Button>
          <Button
            variant="function-link"
            icon={item.active ? "close" : "check"}
            onClick={() => toggle.mutate(item)}
            pending={toggle.isPending && toggle.variables?.id === item.id}
          >
            {item.active ? t("admin.deactivate") : t("admin.activate")}
            <span className="sr-only"> {item.name}</span>
          </Button>
        </span>
      ),
    },
  );

  return (
    <>
      {notice ? (
        <Alert variant="success" className="mb-5">
          <p>{notice}</p>
        </Alert>
      ) : null}
      {failure ? (
        <Alert variant="error" className="mb-5">
          <p>{failure}</p>
        </Alert>
      ) : null}
      {list.isPending ? <Spinner /> : null}
      {list.isError ? <LoadError error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data ? (
        <Table
          caption={t(`${config.prefix}.caption`)}
          captionHidden
          columns={columns}
          rows={list.data}
          rowKey={(item) => item.id}
        />
      ) : null}
      <CreateForm
        config={config}
        onCreated={(item) => setNotice(t(`${config.prefix}.created`, { name: item.name }))}
      />
    </>
  );
}
