import { useTranslation } from "react-i18next";
import { CreateDistrictBody, type District, UpdateDistrictBody } from "../../../shared/api/admin";
import { adminApi, keys } from "../../api/endpoints";
import { AdminFrame } from "./AdminFrame";
import { type NamedListConfig, NamedListAdmin } from "./NamedListAdmin";

export default function DistrictsPage() {
  const { t } = useTranslation();
  const config: NamedListConfig<District> = {
    prefix: "district",
    queryKey: keys.districts,
    list: adminApi.districts,
    create: (body, key) => adminApi.createDistrict({ name: body.name }, key),
    update: adminApi.updateDistrict,
    createSchema: CreateDistrictBody,
    renameSchema: UpdateDistrictBody.required({ name: true }),
  };
  return (
    <AdminFrame title={t("admin.districts")}>
      <NamedListAdmin config={config} />
    </AdminFrame>
  );
}
