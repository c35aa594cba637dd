/**
 * "Log-ind" (issue 15 point 1, decision 0101): the administrator connects Broen to the
 * municipality's identity provider (OpenID Connect), maps its claims to Broen's roles and units,
 * and may switch password login off. The redirect URIs to register are shown at the top.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { STAFF_ROLES, type StaffRole } from "../../../domain/vocabulary/organisation";
import type { IdentityProvider, IdentityProviderCheck } from "../../../shared/api/identity";
import { keys as apiKeys, adminApi } from "../../api/endpoints";
import { ActionError } from "../../components/ActionError";
import { Alert } from "../../components/Alert";
import { Button } from "../../components/Button";
import { Checkbox, SelectField, TextField } from "../../components/Field";
import { FormActions, FormSection } from "../../components/FormLayout";
import { LoadError } from "../../components/LoadError";
import { Spinner } from "../../components/Spinner";
import { useWrite } from "../../forms/useWrite";
import { AdminFrame } from "./AdminFrame";
import { identityApi, identityKeys } from "./identity-api";

interface RoleRow {
  value: string;
  role: StaffRole | "";
}
interface UnitRow {
  value: string;
  organisationId: string;
  districtId: string;
}

function Form({ current }: { current: IdentityProvider }) {
  const { t } = useTranslation("identity");
  const { t: tc } = useTranslation();
  const qc = useQueryClient();
  const orgs = useQuery({
    queryKey: apiKeys.organisations,
    queryFn: ({ signal }) => adminApi.organisations(signal),
  });
  const districts = useQuery({
    queryKey: apiKeys.districts,
    queryFn: ({ signal }) => adminApi.districts(signal),
  });
  const [f, setF] = useState({
    displayName: current.displayName,
    issuer: current.issuer,
    clientId: current.clientId,
    clientSecret: "",
    scopes: current.scopes,
    roleClaim: current.roleClaim,
    unitClaim: current.unitClaim ?? "",
    nameClaim: current.nameClaim,
    enabled: current.enabled,
    localLoginEnabled: current.localLoginEnabled,
  });
  const [roles, setRoles] = useState<RoleRow[]>(
    Object.entries(current.roleMap).map(([value, role]) => ({ value, role })),
  );
  const [units, setUnits] = useState<UnitRow[]>(
    Object.entries(current.unitMap).map(([value, u]) => ({
      value,
      organisationId: u.organisationId,
      districtId: u.districtId ?? "",
    })),
  );
  const [notice, setNotice] = useState<string | null>(null);
  const [check, setCheck] = useState<IdentityProviderCheck | null>(null);
  const set =
    <K extends keyof typeof f>(k: K) =>
    (v: (typeof f)[K]) =>
      setF((old) => ({ ...old, [k]: v }));

  const save = useWrite(
    (_: null, key: string) =>
      identityApi.save(
        {
          displayName: f.displayName,
          issuer: f.issuer.trim(),
          clientId: f.clientId,
          ...(f.clientSecret ? { clientSecret: f.clientSecret } : {}),
          scopes: f.scopes,
          roleClaim: f.roleClaim,
          roleMap: Object.fromEntries(
            roles.filter((r) => r.value.trim() && r.role).map((r) => [r.value.trim(), r.role as StaffRole]),
          ),
          unitClaim: f.unitClaim.trim() || null,
          unitMap: Object.fromEntries(
            units
              .filter((u) => u.value.trim() && u.organisationId)
              .map((u) => [
                u.value.trim(),
                { organisationId: u.organisationId, districtId: u.districtId || null },
              ]),
          ),
          nameClaim: f.nameClaim,
          enabled: f.enabled,
          localLoginEnabled: f.localLoginEnabled,
          version: current.version,
        },
        key,
      ),
    {
      onSuccess: (saved) => {
        // The form stays (the new version comes in as `current`); a typed secret is not kept on screen.
        qc.setQueryData(identityKeys.provider, saved);
        setF((old) => ({ ...old, clientSecret: "" }));
        void qc.invalidateQueries({ queryKey: identityKeys.buttons });
        setNotice(t("admin.saved"));
      },
    },
  );
  const test = useWrite((_: null) => identityApi.check(), { onSuccess: setCheck });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    save.mutate(null);
  };
  const roleOptions = STAFF_ROLES.map((r) => ({ value: r, label: tc(`roles.${r}`) }));
  const orgOptions = (orgs.data ?? []).filter((o) => o.active).map((o) => ({ value: o.id, label: o.name }));
  const districtOptions = (districts.data ?? [])
    .filter((d) => d.active)
    .map((d) => ({ value: d.id, label: d.name }));

  return (
    <form onSubmit={submit} noValidate>
      <FormSection heading={t("admin.register")}>
        <dl className="identity-uris" style={{ overflowWrap: "anywhere" }}>
          <dt>{t("admin.redirectUri")}</dt>
          <dd>
            <code>{current.redirectUri}</code>
          </dd>
          <dt>{t("admin.postLogoutRedirectUri")}</dt>
          <dd>
            <code>{current.postLogoutRedirectUri}</code>
          </dd>
        </dl>
      </FormSection>

      <FormSection heading={t("admin.connection")}>
        <TextField
          id="idp-displayName"
          label={t("admin.displayName")}
          hint={t("admin.displayNameHint")}
          value={f.displayName}
          onChange={set("displayName")}
        />
        <TextField
          id="idp-issuer"
          type="url"
          label={t("admin.issuer")}
          hint={t("admin.issuerHint")}
          value={f.issuer}
          onChange={set("issuer")}
          autoCapitalize="none"
          spellCheck={false}
        />
        <TextField
          id="idp-clientId"
          label={t("admin.clientId")}
          value={f.clientId}
          onChange={set("clientId")}
        />
        <TextField
          id="idp-clientSecret"
          type="password"
          autoComplete="new-password"
          label={t("admin.clientSecret")}
          hint={current.hasClientSecret ? t("admin.clientSecretKept") : t("admin.clientSecretNone")}
          value={f.clientSecret}
          onChange={set("clientSecret")}
          optional
        />
        <TextField
          id="idp-scopes"
          label={t("admin.scopes")}
          hint={t("admin.scopesHint")}
          value={f.scopes}
          onChange={set("scopes")}
        />
      </FormSection>

      <FormSection heading={t("admin.roles")} hint={t("admin.rolesHint")}>
        <TextField
          id="idp-roleClaim"
          label={t("admin.roleClaim")}
          value={f.roleClaim}
          onChange={set("roleClaim")}
        />
        {roles.map((r, i) => (
          <fieldset key={i} className="identity-map-row">
            <legend>{t("admin.row", { n: i + 1 })}</legend>
            <TextField
              id={`idp-role-value-${i}`}
              label={t("admin.claimValue")}
              value={r.value}
              onChange={(v) => setRoles(roles.map((x, j) => (j === i ? { ...x, value: v } : x)))}
            />
            <SelectField
              id={`idp-role-role-${i}`}
              label={t("admin.role")}
              value={r.role}
              emptyOption=""
              options={roleOptions}
              onChange={(v) => setRoles(roles.map((x, j) => (j === i ? { ...x, role: v as StaffRole } : x)))}
            />
            <Button
              variant="secondary"
              icon="delete"
              onClick={() => setRoles(roles.filter((_, j) => j !== i))}
            >
              {t("admin.removeRow", { n: i + 1 })}
            </Button>
          </fieldset>
        ))}
        <Button variant="secondary" icon="add" onClick={() => setRoles([...roles, { value: "", role: "" }])}>
          {t("admin.addRow")}
        </Button>
      </FormSection>

      <FormSection heading={t("admin.units")} hint={t("admin.unitsHint")}>
        <TextField
          id="idp-unitClaim"
          label={t("admin.unitClaim")}
          value={f.unitClaim}
          onChange={set("unitClaim")}
          optional
        />
        {units.map((u, i) => (
          <fieldset key={i} className="identity-map-row">
            <legend>{t("admin.row", { n: i + 1 })}</legend>
            <TextField
              id={`idp-unit-value-${i}`}
              label={t("admin.claimValue")}
              value={u.value}
              onChange={(v) => setUnits(units.map((x, j) => (j === i ? { ...x, value: v } : x)))}
            />
            <SelectField
              id={`idp-unit-org-${i}`}
              label={t("admin.organisation")}
              value={u.organisationId}
              emptyOption=""
              options={orgOptions}
              onChange={(v) => setUnits(units.map((x, j) => (j === i ? { ...x, organisationId: v } : x)))}
            />
            <SelectField
              id={`idp-unit-district-${i}`}
              label={t("admin.district")}
              value={u.districtId}
              emptyOption={t("admin.noDistrict")}
              options={districtOptions}
              onChange={(v) => setUnits(units.map((x, j) => (j === i ? { ...x, districtId: v } : x)))}
            />
            <Button
              variant="secondary"
              icon="delete"
              onClick={() => setUnits(units.filter((_, j) => j !== i))}
            >
              {t("admin.removeRow", { n: i + 1 })}
            </Button>
          </fieldset>
        ))}
        <Button
          variant="secondary"
          icon="add"
          onClick={() => setUnits([...units, { value: "", organisationId: "", districtId: "" }])}
        >
          {t("admin.addRow")}
        </Button>
      </FormSection>

      <FormSection heading={t("admin.login")}>
        <TextField
          id="idp-nameClaim"
          label={t("admin.nameClaim")}
          value={f.nameClaim}
          onChange={set("nameClaim")}
        />
        <Checkbox
          id="idp-enabled"
          label={t("admin.enabled")}
          hint={t("admin.enabledHint")}
          checked={f.enabled}
          onChange={set("enabled")}
        />
        <Checkbox
          id="idp-localLogin"
          label={t("admin.localLogin")}
          hint={t("admin.localLoginHint")}
          checked={f.localLoginEnabled}
          onChange={set("localLoginEnabled")}
        />
      </FormSection>

      {notice ? <Alert variant="success">{notice}</Alert> : null}
      {save.error ? <ActionError error={save.error} /> : null}
      <FormActions label={t("admin.save")} pending={save.isPending} />

      {current.configured ? (
        <div className="mt-6">
          <Button variant="secondary" pending={test.isPending} onClick={() => test.mutate(null)}>
            {t("admin.check")}
          </Button>
          {test.error ? <ActionError error={test.error} /> : null}
          {check ? (
            check.reachable ? (
              <Alert variant="success">
                {t("admin.checkOk", {
                  issuer: check.issuer,
                  endSession: check.endSession ? t("admin.yes") : t("admin.no"),
                  pkce: check.pkce ? t("admin.yes") : t("admin.no"),
                })}
              </Alert>
            ) : (
              <Alert variant="warning">{t("admin.checkFailed", { message: check.message })}</Alert>
            )
          ) : null}
        </div>
      ) : null}
    </form>
  );
}

export default function IdentityProviderPage() {
  const { t } = useTranslation("identity");
  const provider = useQuery({
    queryKey: identityKeys.provider,
    queryFn: ({ signal }) => identityApi.provider(signal),
  });
  return (
    <AdminFrame title={t("admin.title")}>
      <p className="font-lead">{t("admin.lead")}</p>
      {provider.isPending ? (
        <Spinner />
      ) : provider.isError ? (
        <LoadError error={provider.error} onRetry={() => void provider.refetch()} />
      ) : (
        <Form current={provider.data} />
      )}
    </AdminFrame>
  );
}
