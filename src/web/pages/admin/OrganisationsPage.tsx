import { useTranslation } from "react-i18next";
import { CreateOrganisationBody, type Organisation, UpdateOrganisationBody } from "../../../shared/api/admin";
import { ORGANISATION_KINDS } from "../../../domain/vocabulary/organisation";
import { adminApi, keys } from "../../api/endpoints";
import { AdminFrame } from "./AdminFrame";
import { type NamedListConfig, NamedListAdmin } from "./NamedListAdmin";

export default function OrganisationsPage() {
  const { t } = useTranslation();
  const config: NamedListConfig<Organisation> = {
    prefix: "organisation",
    queryKey: keys.organisations,
    list: adminApi.organisations,
    create: (body, key) =>
      adminApi.createOrganisation(body as Parameters<typeof adminApi.createOrganisation>[0], key),
    update: adminApi.updateOrganisation,
    createSchema: CreateOrganisationBody,
    renameSchema: UpdateOrganisationBody.required({ name: true }),
    kinds: ORGANISATION_KINDS.map((k) => ({ value: k, label: t(`organisationKinds.${k}`) })),
    sorCode: true,
  };
  return (
    <AdminFrame title={t("admin.organisations")}>
      <NamedListAdmin config={config} />
    </AdminFrame>
  );
}
