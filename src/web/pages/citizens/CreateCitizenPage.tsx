/**
 * Register a citizen. The browser checks the form with the server's own schema
 * (CreateCitizenBody); what only the server can know (a duplicate CPR) comes back as field errors.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { CreateCitizenBody } from "../../../shared/api/citizens";
import { citizensApi } from "../../api/endpoints";
import { Button, buttonClass } from "../../components/Button";
import { ErrorSummary } from "../../components/ErrorSummary";
import { PageHeading } from "../../components/Page";
import { useIdempotencyKey } from "../../forms/useIdempotencyKey";
import { summaryItems, useForm } from "../../forms/useForm";
import { validate } from "../../forms/validation";
import { BackToList } from "./CitizenFrame";
import { CitizenFields, EMPTY_CITIZEN, bodyOf, citizenFieldSpecs } from "./CitizenFields";

export default function CreateCitizenPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useForm(EMPTY_CITIZEN);
  const idempotency = useIdempotencyKey();

  const create = useMutation({
    mutationFn: ({ body, key }: { body: CreateCitizenBody; key: string }) => citizensApi.create(body, key),
    onSuccess: async (citizen) => {
      idempotency.done();
      await queryClient.invalidateQueries({ queryKey: ["citizens"] });
      navigate(`/borgere/${citizen.id}`, { state: { saved: "created" } });
    },
    onError: (err) => form.failFromServer(err, t),
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const result = validate(CreateCitizenBody, { cpr: form.values.cpr, ...bodyOf(form.values) }, t);
    if (!result.ok) {
      form.fail(result.errors);
      return;
    }
    form.clear();
    create.mutate({ body: result.data, key: idempotency.keyFor(result.data) });
  };

  return (
    <>
      <BackToList />
      <PageHeading title={t("citizenForm.createTitle")}>{t("citizenForm.createTitle")}</PageHeading>
      <p className="font-lead">{t("citizenForm.createLead")}</p>
      <div className="row">
        <div className="col-12 col-lg-8">
          <ErrorSummary
            items={summaryItems(citizenFieldSpecs(t, true), form.errors)}
            general={form.general}
            attempt={form.attempt}
          />
          <form onSubmit={submit} noValidate>
            <CitizenFields values={form.values} set={form.set} errors={form.errors} withCpr />
            <div className="button-group mt-6">
              <Button type="submit" pending={create.isPending} icon="save">
                {t("citizenForm.create")}
              </Button>
              <Link to="/borgere" className={buttonClass("secondary")}>
                {t("common.cancel")}
              </Link>
            </div>
          </form>
        </div>
      </div>
    </>
  );
}
