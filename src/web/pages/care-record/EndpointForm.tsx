/**
 * The connection to one FHIR endpoint (the care record's server to pull from, or the push target):
 * address, how Broen signs in, and the switches of that endpoint. Sent with the version the page
 * showed, so a change made meanwhile by someone else is refused instead of overwritten. The secret
 * is never shown: left empty it is kept; a new one replaces it.
 */
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { FhirAuthKind } from "../../../shared/api/care-record-exchange";
import { Button } from "../../components/Button";
import { RadioGroup } from "../../components/Choices";
import { ErrorSummary } from "../../components/ErrorSummary";
import { Checkbox, TextField } from "../../components/Field";
import { type FieldSpec, summaryItems, useForm } from "../../forms/useForm";
import { useSubmit } from "../../forms/useWrite";

export interface EndpointValues {
  baseUrl: string;
  authKind: FhirAuthKind;
  tokenUrl: string | null;
  clientId: string | null;
  hasSecret: boolean;
  version: number;
}

export interface EndpointSwitch {
  key: string;
  label: string;
  hint: string;
}

export interface EndpointBody {
  version: number;
  baseUrl: string;
  authKind: FhirAuthKind;
  tokenUrl: string | null;
  clientId: string | null;
  secret?: string | null;
  switches: Record<string, boolean>;
}

export function EndpointForm<R>({
  idPrefix,
  heading,
  current,
  switches,
  switchValues,
  save,
  onDone,
}: {
  idPrefix: string;
  heading: string;
  current: EndpointValues | null;
  switches: EndpointSwitch[];
  switchValues: Record<string, boolean>;
  save: (body: EndpointBody, idempotencyKey: string) => Promise<R>;
  onDone: (saved: R | null) => void;
}) {
  const { t } = useTranslation("careRecord");
  const { t: tc } = useTranslation();
  const form = useForm({
    baseUrl: current?.baseUrl ?? "",
    authKind: (current?.authKind ?? "none") as string,
    tokenUrl: current?.tokenUrl ?? "",
    clientId: current?.clientId ?? "",
    secret: "",
    ...switchValues,
  });
  const { values, set, errors } = form;
  const submit = useSubmit(form, save, onDone);
  const id = (name: string) => `${idPrefix}-${name}`;
  const fields: FieldSpec[] = [
    { name: "baseUrl", inputId: id("baseUrl"), label: t("exchange.endpoint.baseUrl") },
    { name: "tokenUrl", inputId: id("tokenUrl"), label: t("exchange.endpoint.tokenUrl") },
    { name: "clientId", inputId: id("clientId"), label: t("exchange.endpoint.clientId") },
    { name: "secret", inputId: id("secret"), label: t("exchange.endpoint.secret") },
  ];
  const cc = values.authKind === "client_credentials";
  const needsSecret = values.authKind !== "none";
  const flags = values as unknown as Record<string, boolean>;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (!values.baseUrl.trim()) missing.baseUrl = tc("fieldReason.required");
    if (cc && !values.tokenUrl.trim()) missing.tokenUrl = tc("fieldReason.required");
    if (cc && !values.clientId.trim()) missing.clientId = tc("fieldReason.required");
    if (needsSecret && !values.secret && !current?.hasSecret) missing.secret = tc("fieldReason.required");
    if (Object.keys(missing).length > 0) return form.fail(missing);
    form.clear();
    submit.mutate({
      version: current?.version ?? 0,
      baseUrl: values.baseUrl.trim(),
      authKind: values.authKind as FhirAuthKind,
      tokenUrl: cc ? values.tokenUrl.trim() : null,
      clientId: cc ? values.clientId.trim() : null,
      ...(values.secret ? { secret: values.secret } : {}),
      switches: Object.fromEntries(switches.map((s) => [s.key, flags[s.key] === true])),
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby={id("heading")}>
      <h4 id={id("heading")}>{heading}</h4>
      <ErrorSummary items={summaryItems(fields, errors)} general={form.general} attempt={form.attempt} />
      <TextField
        id={id("baseUrl")}
        label={t("exchange.endpoint.baseUrl")}
        hint={t("exchange.endpoint.baseUrlHint")}
        type="url"
        inputMode="url"
        autoComplete="off"
        value={values.baseUrl}
        onChange={set("baseUrl")}
        error={errors.baseUrl}
      />
      <RadioGroup
        id={id("authKind")}
        legend={t("exchange.endpoint.authKind")}
        choices={[
          { value: "none", label: t("exchange.auth.none") },
          { value: "bearer", label: t("exchange.auth.bearer") },
          { value: "client_credentials", label: t("exchange.auth.client_credentials") },
        ]}
        value={values.authKind}
        onChange={set("authKind")}
      />
      {cc ? (
        <>
          <TextField
            id={id("tokenUrl")}
            label={t("exchange.endpoint.tokenUrl")}
            type="url"
            inputMode="url"
            autoComplete="off"
            value={values.tokenUrl}
            onChange={set("tokenUrl")}
            error={errors.tokenUrl}
          />
          <TextField
            id={id("clientId")}
            label={t("exchange.endpoint.clientId")}
            autoComplete="off"
            value={values.clientId}
            onChange={set("clientId")}
            error={errors.clientId}
          />
        </>
      ) : null}
      {needsSecret ? (
        <TextField
          id={id("secret")}
          label={cc ? t("exchange.endpoint.clientSecret") : t("exchange.endpoint.token")}
          hint={current?.hasSecret ? t("exchange.endpoint.secretKept") : t("exchange.endpoint.secretHint")}
          type="password"
          autoComplete="new-password"
          value={values.secret}
          onChange={set("secret")}
          error={errors.secret}
        />
      ) : null}
      {switches.map((s) => (
        <Checkbox
          key={s.key}
          id={id(s.key)}
          label={s.label}
          hint={s.hint}
          checked={flags[s.key] === true}
          onChange={(on) => form.setValues((v) => ({ ...v, [s.key]: on }))}
        />
      ))}
      <div className="button-group">
        <Button type="submit" icon="save" pending={submit.isPending}>
          {tc("common.save")}
        </Button>
        <Button variant="tertiary" onClick={() => onDone(null)}>
          {tc("common.cancel")}
        </Button>
      </div>
    </form>
  );
}
