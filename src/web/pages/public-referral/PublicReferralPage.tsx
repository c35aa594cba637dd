/**
 * The public referral form (no login): a GP, a relative, the citizen or other municipal staff
 * refers a lonely older person to the municipality's community coordinators and gets a
 * receipt number. The answer never says whether a CPR number is known in the register.
 */
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { PublicReferrerRole } from "../../../domain/vocabulary/referrals";
import { PublicReferralBody } from "../../../shared/api/referrals";
import { ApiError } from "../../api/client";
import { useMe } from "../../app/session";
import { Alert } from "../../components/Alert";
import { Button } from "../../components/Button";
import { RadioGroup, choiceId } from "../../components/Choices";
import { ErrorSummary } from "../../components/ErrorSummary";
import { Checkbox, SelectField, TextAreaField, TextField } from "../../components/Field";
import { LoadError } from "../../components/LoadError";
import { PageHeading } from "../../components/Page";
import { useDates } from "../../format";
import { type FieldSpec, summaryItems, useForm } from "../../forms/useForm";
import { validate } from "../../forms/validation";
import { detectionApi, detectionKeys } from "../detection/api";

/** PUBLIC_REFERRER_ROLES in the order the form offers them (the most likely visitor first). */
const ROLES = [
  "relative",
  "citizen",
  "gp",
  "municipal_staff",
] as const satisfies readonly PublicReferrerRole[];

const EMPTY = {
  municipalityCode: "",
  referrerRole: "",
  referrerName: "",
  referrerContact: "",
  subjectName: "",
  subjectAddress: "",
  subjectPhone: "",
  subjectCpr: "",
  reason: "",
  subjectAgrees: false,
};

export default function PublicReferralPage() {
  const { t } = useTranslation("detection");
  const { t: tc } = useTranslation();
  const dates = useDates();
  const { data: me } = useMe();
  const municipalities = useQuery({
    queryKey: detectionKeys.municipalities,
    queryFn: ({ signal }) => detectionApi.municipalities(signal),
    staleTime: 3_600_000,
  });
  const form = useForm(EMPTY);
  const { values, set, setValues, errors } = form;
  const receiptRef = useRef<HTMLDivElement>(null);

  // One municipality: nothing to choose.
  const only = municipalities.data?.length === 1 ? municipalities.data[0]!.code : "";
  useEffect(() => {
    if (only) setValues((v) => (v.municipalityCode ? v : { ...v, municipalityCode: only }));
  }, [only, setValues]);

  const send = useMutation({
    mutationFn: detectionApi.publicReferral,
    onSuccess: () => setTimeout(() => receiptRef.current?.focus(), 0),
    onError: (err) => {
      // Too many referrals from this address: the server's message says to wait.
      if (err instanceof ApiError && err.status === 429)
        form.fail({}, err.message || t("public.rateLimited"));
      else form.failFromServer(err, tc);
    },
  });

  const fields: FieldSpec[] = [
    { name: "municipalityCode", inputId: "public-municipalityCode", label: t("public.municipality") },
    {
      name: "referrerRole",
      inputId: choiceId("public-referrerRole", ROLES[0]),
      label: t("public.referrerRole"),
    },
    { name: "referrerName", inputId: "public-referrerName", label: t("public.referrerName") },
    { name: "referrerContact", inputId: "public-referrerContact", label: t("public.referrerContact") },
    { name: "subjectName", inputId: "public-subjectName", label: t("public.subjectName") },
    { name: "subjectAddress", inputId: "public-subjectAddress", label: t("public.subjectAddress") },
    { name: "subjectPhone", inputId: "public-subjectPhone", label: t("public.subjectPhone") },
    { name: "subjectCpr", inputId: "public-subjectCpr", label: t("public.subjectCpr") },
    { name: "reason", inputId: "public-reason", label: t("public.reason") },
    { name: "subjectAgrees", inputId: "public-subjectAgrees", label: t("public.subjectAgrees") },
  ];

  function submit(e: FormEvent) {
    e.preventDefault();
    if (send.isPending) return;
    const input = {
      municipalityCode: values.municipalityCode,
      referrerRole: values.referrerRole || undefined,
      referrerName: values.referrerName,
      referrerContact: values.referrerContact,
      subjectName: values.subjectName,
      subjectAddress: values.subjectAddress,
      subjectPhone: values.subjectPhone.trim() || null,
      subjectCpr: values.subjectCpr.trim() || null,
      reason: values.reason,
      subjectAgrees: values.subjectAgrees,
    };
    const result = validate(PublicReferralBody, input, tc);
    if (!result.ok) {
      const found = { ...result.errors };
      if (found.subjectAgrees) found.subjectAgrees = t("public.errors.agree");
      if (found.municipalityCode) found.municipalityCode = t("public.errors.municipality");
      if (found.referrerRole) found.referrerRole = t("public.errors.role");
      return form.fail(found);
    }
    form.clear();
    send.mutate(result.data);
  }

  const title = t("public.title");
  if (send.data) {
    return (
      <div ref={receiptRef} tabIndex={-1} data-testid="public-receipt">
        <PageHeading title={title}>{title}</PageHeading>
        <Alert variant="success" heading={t("public.thanks")}>
          <p>
            {t("result.receipt")}: <span className="receipt-code">{send.data.receiptNumber}</span>
          </p>
          <p>{t("public.received", { at: dates.dateTime(send.data.receivedAt) })}</p>
          <p>{t("public.next")}</p>
        </Alert>
      </div>
    );
  }

  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <p className="font-lead">{t("public.intro")}</p>
      <p>{t("public.privacy")}</p>
      {municipalities.error ? (
        <LoadError error={municipalities.error} onRetry={() => void municipalities.refetch()} />
      ) : null}
      <form onSubmit={submit} noValidate>
        <ErrorSummary
          items={summaryItems(fields, errors)}
          general={Object.keys(errors).length ? null : form.general}
          attempt={form.attempt}
        />
        <SelectField
          id="public-municipalityCode"
          label={t("public.municipality")}
          value={values.municipalityCode}
          onChange={set("municipalityCode")}
          emptyOption={t("public.chooseMunicipality")}
          options={(municipalities.data ?? []).map((m) => ({ value: m.code, label: m.name }))}
          error={errors.municipalityCode}
        />
        <h2>{t("public.aboutYou")}</h2>
        <RadioGroup
          id="public-referrerRole"
          legend={t("public.referrerRole")}
          large
          value={values.referrerRole}
          onChange={set("referrerRole")}
          error={errors.referrerRole}
          choices={ROLES.map((r) => ({ value: r, label: t(`publicRole.${r}`) }))}
        />
        <TextField
          id="public-referrerName"
          label={t("public.referrerName")}
          value={values.referrerName}
          onChange={set("referrerName")}
          error={errors.referrerName}
          autoComplete="name"
          maxLength={100}
        />
        <TextField
          id="public-referrerContact"
          label={t("public.referrerContact")}
          hint={t("public.referrerContactHint")}
          value={values.referrerContact}
          onChange={set("referrerContact")}
          error={errors.referrerContact}
          autoComplete="email"
          maxLength={200}
        />
        <h2>{t("public.aboutThem")}</h2>
        <TextField
          id="public-subjectName"
          label={t("public.subjectName")}
          value={values.subjectName}
          onChange={set("subjectName")}
          error={errors.subjectName}
          autoComplete="off"
          maxLength={100}
        />
        <TextField
          id="public-subjectAddress"
          label={t("public.subjectAddress")}
          value={values.subjectAddress}
          onChange={set("subjectAddress")}
          error={errors.subjectAddress}
          autoComplete="off"
          maxLength={200}
        />
        <TextField
          id="public-subjectPhone"
          type="tel"
          label={t("public.subjectPhone")}
          value={values.subjectPhone}
          onChange={set("subjectPhone")}
          error={errors.subjectPhone}
          optional
          width="input-width-m"
          autoComplete="off"
          maxLength={20}
        />
        <TextField
          id="public-subjectCpr"
          label={t("public.subjectCpr")}
          hint={t("public.subjectCprHint")}
          value={values.subjectCpr}
          onChange={set("subjectCpr")}
          error={errors.subjectCpr}
          optional
          width="input-width-m"
          inputMode="numeric"
          autoComplete="off"
          maxLength={11}
        />
        <TextAreaField
          id="public-reason"
          label={t("public.reason")}
          hint={t("public.reasonHint")}
          value={values.reason}
          onChange={set("reason")}
          error={errors.reason}
        />
        <div className={errors.subjectAgrees ? "form-error" : undefined}>
          {errors.subjectAgrees ? (
            <span className="form-error-message" id="public-subjectAgrees-error">
              {errors.subjectAgrees}
            </span>
          ) : null}
          <Checkbox
            id="public-subjectAgrees"
            label={t("public.subjectAgrees")}
            checked={values.subjectAgrees}
            onChange={set("subjectAgrees")}
          />
        </div>
        <div className="action-row">
          <Button type="submit" icon="send" pending={send.isPending}>
            {t("public.submit")}
          </Button>
        </div>
      </form>
      {!me ? (
        <p>
          <Link to="/login">{t("public.staffLogin")}</Link>
        </p>
      ) : null}
    </>
  );
}
