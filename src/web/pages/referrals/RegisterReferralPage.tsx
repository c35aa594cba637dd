/** A coordinator registers a referral that came by phone or e-mail (from a GP, a relative, the citizen, other staff). */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { EXTERNAL_REFERRAL_CHANNELS, type ReferralSource } from "../../../domain/vocabulary/referrals";
import { RegisterExternalReferralBody } from "../../../shared/api/referrals";
import { Button } from "../../components/Button";
import { RadioGroup, choiceId } from "../../components/Choices";
import { CitizenPicker } from "../../components/CitizenPicker";
import { ErrorSummary } from "../../components/ErrorSummary";
import { Checkbox, SelectField, TextAreaField, TextField } from "../../components/Field";
import { Icon } from "../../components/Icon";
import { PageHeading } from "../../components/Page";
import { type FieldSpec, summaryItems, useForm } from "../../forms/useForm";
import { useIdempotencyKey } from "../../forms/useIdempotencyKey";
import { validate } from "../../forms/validation";
import { detectionApi } from "../detection/api";

/** The sources a coordinator can register (all but "screening"), most common first. */
const SOURCES = [
  "gp",
  "relative",
  "citizen",
  "municipal_staff",
  "home_care",
] as const satisfies readonly ReferralSource[];

const EMPTY = {
  source: "",
  channel: "",
  referrerName: "",
  referrerContact: "",
  linkCitizen: false,
  citizenId: "",
  subjectName: "",
  subjectAddress: "",
  subjectPhone: "",
  reason: "",
};

export default function RegisterReferralPage() {
  const { t } = useTranslation("detection");
  const { t: tc } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const form = useForm(EMPTY);
  const { values, set, errors } = form;
  const idempotency = useIdempotencyKey();

  const register = useMutation({
    mutationFn: ({ body, key }: { body: RegisterExternalReferralBody; key: string }) =>
      detectionApi.registerReferral(body, key),
    onSuccess: (created) => {
      idempotency.done();
      void client.invalidateQueries({ queryKey: ["referrals"] });
      navigate(`/henvisninger/${created.id}`, { state: { registered: created.receiptNumber } });
    },
    onError: (err) => form.failFromServer(err, tc),
  });

  const fields: FieldSpec[] = [
    { name: "source", inputId: "register-source", label: t("register.source") },
    { name: "channel", inputId: choiceId("register-channel", "phone"), label: t("register.channel") },
    { name: "referrerName", inputId: "register-referrerName", label: t("register.referrerName") },
    { name: "referrerContact", inputId: "register-referrerContact", label: t("register.referrerContact") },
    { name: "citizenId", inputId: "register-citizen-search", label: t("register.citizen") },
    { name: "subjectName", inputId: "register-subjectName", label: t("register.subjectName") },
    { name: "subjectAddress", inputId: "register-subjectAddress", label: t("register.subjectAddress") },
    { name: "subjectPhone", inputId: "register-subjectPhone", label: t("register.subjectPhone") },
    { name: "reason", inputId: "register-reason", label: t("register.reason") },
  ];

  function submit(e: FormEvent) {
    e.preventDefault();
    const input = {
      source: values.source || undefined,
      channel: values.channel || undefined,
      citizenId: values.linkCitizen ? values.citizenId || null : null,
      referrerName: values.referrerName,
      referrerContact: values.referrerContact,
      subjectName: values.subjectName,
      subjectAddress: values.subjectAddress,
      subjectPhone: values.subjectPhone.trim() || null,
      reason: values.reason,
    };
    const result = validate(RegisterExternalReferralBody, input, tc);
    const found = result.ok ? {} : { ...result.errors };
    if (values.linkCitizen && !values.citizenId) found.citizenId = t("register.errors.citizen");
    if (!values.linkCitizen && !values.subjectName.trim())
      found.subjectName = t("register.errors.subjectName");
    if (!result.ok || Object.keys(found).length > 0) return form.fail(found);
    form.clear();
    register.mutate({ body: result.data, key: idempotency.keyFor(result.data) });
  }

  return (
    <>
      <div>
        <Link to="/henvisninger" className="back-link">
          <Icon name="chevron-left" />
          {t("referral.back")}
        </Link>
      </div>
      <PageHeading title={t("register.title")}>{t("register.title")}</PageHeading>
      <form onSubmit={submit} noValidate>
        <ErrorSummary
          items={summaryItems(fields, errors)}
          general={Object.keys(errors).length ? null : form.general}
          attempt={form.attempt}
        />
        <SelectField
          id="register-source"
          label={t("register.source")}
          value={values.source}
          onChange={set("source")}
          emptyOption={t("register.chooseSource")}
          options={SOURCES.map((s) => ({ value: s, label: t(`source.${s}`) }))}
          error={errors.source}
        />
        <RadioGroup
          id="register-channel"
          legend={t("register.channel")}
          value={values.channel}
          onChange={set("channel")}
          error={errors.channel}
          choices={EXTERNAL_REFERRAL_CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
        />
        <TextField
          id="register-referrerName"
          label={t("register.referrerName")}
          value={values.referrerName}
          onChange={set("referrerName")}
          error={errors.referrerName}
          optional
          autoComplete="off"
        />
        <TextField
          id="register-referrerContact"
          label={t("register.referrerContact")}
          hint={t("register.referrerContactHint")}
          value={values.referrerContact}
          onChange={set("referrerContact")}
          error={errors.referrerContact}
          optional
          autoComplete="off"
        />
        <Checkbox
          id="register-link"
          label={t("register.linkCitizen")}
          checked={values.linkCitizen}
          onChange={set("linkCitizen")}
        />
        {values.linkCitizen ? (
          <CitizenPicker
            id="register-citizen"
            value={values.citizenId}
            onChange={set("citizenId")}
            error={errors.citizenId}
          />
        ) : (
          <>
            <TextField
              id="register-subjectName"
              label={t("register.subjectName")}
              value={values.subjectName}
              onChange={set("subjectName")}
              error={errors.subjectName}
              autoComplete="off"
            />
            <TextField
              id="register-subjectAddress"
              label={t("register.subjectAddress")}
              value={values.subjectAddress}
              onChange={set("subjectAddress")}
              error={errors.subjectAddress}
              optional
              autoComplete="off"
            />
            <TextField
              id="register-subjectPhone"
              type="tel"
              label={t("register.subjectPhone")}
              value={values.subjectPhone}
              onChange={set("subjectPhone")}
              error={errors.subjectPhone}
              optional
              width="input-width-m"
              autoComplete="off"
            />
          </>
        )}
        <TextAreaField
          id="register-reason"
          label={t("register.reason")}
          value={values.reason}
          onChange={set("reason")}
          error={errors.reason}
        />
        <div className="action-row">
          <Button type="submit" icon="save" pending={register.isPending}>
            {t("register.submit")}
          </Button>
        </div>
      </form>
    </>
  );
}
