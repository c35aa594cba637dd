/** Contact persons and relatives of a citizen; editors add and remove them. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { CitizenDetail, Contact } from "../../../shared/api/citizens";
import { CreateContactBody } from "../../../shared/api/citizens";
import { CONTACT_KINDS } from "../../../domain/vocabulary/citizens";
import { ApiError } from "../../api/client";
import { adminApi, citizensApi, keys } from "../../api/endpoints";
import { Button } from "../../components/Button";
import { ErrorSummary } from "../../components/ErrorSummary";
import { Checkbox, SelectField, TextField } from "../../components/Field";
import { useFocusWhenOpened } from "../../components/focus";
import { type Column, Table } from "../../components/Table";
import { useIdempotencyKey } from "../../forms/useIdempotencyKey";
import { type FieldSpec, summaryItems, useForm } from "../../forms/useForm";
import { validate } from "../../forms/validation";

const EMPTY = { kind: "relative", name: "", relation: "", phone: "", organisationId: "", isPrimary: false };

function AddContactForm({ citizenId, onDone }: { citizenId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm(EMPTY);
  const { values, set, errors } = form;
  const idempotency = useIdempotencyKey();
  const organisations = useQuery({
    queryKey: keys.organisations,
    queryFn: ({ signal }) => adminApi.organisations(signal),
    staleTime: 300_000,
  });

  const add = useMutation({
    mutationFn: ({ body, key }: { body: CreateContactBody; key: string }) =>
      citizensApi.addContact(citizenId, body, key),
    onSuccess: async () => {
      idempotency.done();
      await queryClient.invalidateQueries({ queryKey: keys.citizen(citizenId) });
      onDone();
    },
    onError: (err) => form.failFromServer(err, t),
  });

  const fields: FieldSpec[] = [
    { name: "kind", inputId: "contact-kind", label: t("contact.kind") },
    { name: "name", inputId: "contact-name", label: t("contact.name") },
    { name: "relation", inputId: "contact-relation", label: t("contact.relation") },
    { name: "phone", inputId: "contact-phone", label: t("contact.phone") },
    { name: "organisationId", inputId: "contact-organisation", label: t("contact.organisation") },
  ];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input = {
      kind: values.kind,
      name: values.name,
      relation: values.relation.trim() || null,
      phone: values.phone.trim() || null,
      organisationId: values.organisationId || null,
      isPrimary: values.isPrimary,
    };
    const result = validate(CreateContactBody, input, t);
    if (!result.ok) {
      form.fail(result.errors);
      return;
    }
    form.clear();
    add.mutate({ body: result.data, key: idempotency.keyFor(result.data) });
  };

  return (
    <form onSubmit={submit} noValidate className="contact-form" aria-labelledby="add-contact-heading">
      <h3 id="add-contact-heading">{t("contact.addHeading")}</h3>
      <ErrorSummary items={summaryItems(fields, errors)} general={form.general} attempt={form.attempt} />
      <SelectField
        id="contact-kind"
        label={t("contact.kind")}
        value={values.kind}
        onChange={set("kind")}
        options={CONTACT_KINDS.map((k) => ({ value: k, label: t(`contact.kinds.${k}`) }))}
        error={errors.kind}
      />
      <TextField
        id="contact-name"
        label={t("contact.name")}
        value={values.name}
        onChange={set("name")}
        error={errors.name}
        autoComplete="off"
      />
      <TextField
        id="contact-relation"
        label={t("contact.relation")}
        hint={t("contact.relationHint")}
        value={values.relation}
        onChange={set("relation")}
        error={errors.relation}
        optional
      />
      <TextField
        id="contact-phone"
        type="tel"
        label={t("contact.phone")}
        value={values.phone}
        onChange={set("phone")}
        error={errors.phone}
        optional
        width="input-width-m"
      />
      <SelectField
        id="contact-organisation"
        label={t("contact.organisation")}
        value={values.organisationId}
        onChange={set("organisationId")}
        options={(organisations.data ?? [])
          .filter((o) => o.active)
          .map((o) => ({ value: o.id, label: o.name }))}
        emptyOption={t("contact.noOrganisation")}
        error={errors.organisationId}
        optional
      />
      <Checkbox
        id="contact-primary"
        label={t("contact.primary")}
        checked={values.isPrimary}
        onChange={set("isPrimary")}
      />
      <div className="button-group mt-5">
        <Button type="submit" pending={add.isPending} icon="plus">
          {t("contact.add")}
        </Button>
        <Button variant="secondary" onClick={onDone}>
          {t("common.cancel")}
        </Button>
      </div>
    </form>
  );
}

function RemoveButton({ citizenId, contact }: { citizenId: string; contact: Contact }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const confirmId = `contact-${contact.id}-confirm-remove`;
  useFocusWhenOpened(confirmId, confirming);
  const remove = useMutation({
    mutationFn: () => citizensApi.removeContact(citizenId, contact.id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.citizen(citizenId) }),
  });
  if (!confirming) {
    return (
      <Button variant="function-link" icon="delete" onClick={() => setConfirming(true)}>
        {t("contact.remove")}
        <span className="sr-only"> {contact.name}</span>
      </Button>
    );
  }
  return (
    <span className="confirm-remove">
      <Button
        id={confirmId}
        variant="function-link"
        icon="check"
        onClick={() => remove.mutate()}
        pending={remove.isPending}
      >
        {t("contact.confirmRemove", { name: contact.name })}
      </Button>
      <Button variant="function-link" icon="close" onClick={() => setConfirming(false)}>
        {t("common.cancel")}
      </Button>
      {remove.error ? (
        <span className="form-error-message d-block" role="alert">
          {remove.error instanceof ApiError ? remove.error.message : t("common.unexpectedError")}
        </span>
      ) : null}
    </span>
  );
}

export function ContactsSection({ citizen, canEdit }: { citizen: CitizenDetail; canEdit: boolean }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const columns: Column<Contact>[] = [
    {
      key: "name",
      header: t("contact.name"),
      title: t("contact.name"),
      rowHeader: true,
      render: (c) => (c.isPrimary ? `${c.name} (${t("contact.primaryShort")})` : c.name),
    },
    {
      key: "kind",
      header: t("contact.kind"),
      title: t("contact.kind"),
      render: (c) => t(`contact.kinds.${c.kind}`),
    },
    {
      key: "relation",
      header: t("contact.relation"),
      title: t("contact.relation"),
      render: (c) => c.relation ?? "–",
    },
    { key: "phone", header: t("contact.phone"), title: t("contact.phone"), render: (c) => c.phone ?? "–" },
    {
      key: "organisation",
      header: t("contact.organisation"),
      title: t("contact.organisation"),
      render: (c) => c.organisation?.name ?? "–",
    },
  ];
  if (canEdit) {
    columns.push({
      key: "actions",
      header: <span className="sr-only">{t("common.actions")}</span>,
      title: "",
      render: (c) => <RemoveButton citizenId={citizen.id} contact={c} />,
    });
  }

  return (
    <section aria-labelledby="contacts-heading" className="mt-7">
      <div className="section-title-row">
        <h2 id="contacts-heading">{t("contact.heading")}</h2>
        {canEdit && !adding ? (
          <Button variant="secondary" icon="person-add" onClick={() => setAdding(true)}>
            {t("contact.addButton")}
          </Button>
        ) : null}
      </div>
      {citizen.contacts.length === 0 ? (
        <p>{t("contact.none")}</p>
      ) : (
        <Table
          caption={t("contact.heading")}
          captionHidden
          columns={columns}
          rows={citizen.contacts}
          rowKey={(c) => c.id}
          compact
        />
      )}
      {adding ? <AddContactForm citizenId={citizen.id} onDone={() => setAdding(false)} /> : null}
    </section>
  );
}
