/**
 * Conversation guides, the barrier catalogue and the interest taxonomy: the newest version of
 * each, a link to its versions, and publishing a new guide as JSON.
 */
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { ConversationGuide, DefinitionKind } from "../../../../shared/api/course-definitions";
import { LoadError } from "../../../components/LoadError";
import { Spinner } from "../../../components/Spinner";
import { type Column, Table } from "../../../components/Table";
import { useDates } from "../../../format";
import { useLocalText } from "../../../i18n/useLocalText";
import type { StoredDefinition } from "../api";
import { useDefinitions } from "../hooks";
import { CoursesAdminFrame } from "./CoursesAdminFrame";
import { JsonPublishForm } from "./JsonPublishForm";

export const EDITABLE_KINDS = [
  "conversation_guide",
  "barrier_catalogue",
  "interest_taxonomy",
] as const satisfies readonly DefinitionKind[];

/** A definition's name: a guide's own title, otherwise the kind's name. */
export function useDefinitionTitle() {
  const { t } = useTranslation("courses");
  const local = useLocalText();
  return (d: StoredDefinition) =>
    d.kind === "conversation_guide"
      ? local((d.definition as ConversationGuide).title).text
      : t(`definitionKind.${d.kind}`);
}

export default function DefinitionsPage() {
  const { t } = useTranslation("courses");
  return (
    <CoursesAdminFrame title={t("admin.definitionsTitle")}>
      <p className="font-lead">{t("admin.definitionsIntro")}</p>
      {EDITABLE_KINDS.map((kind) => (
        <DefinitionList key={kind} kind={kind} />
      ))}
      <JsonPublishForm kind="conversation_guide" heading={t("admin.newGuide")} />
    </CoursesAdminFrame>
  );
}

function DefinitionList({ kind }: { kind: DefinitionKind }) {
  const { t } = useTranslation("courses");
  const dates = useDates();
  const title = useDefinitionTitle();
  const list = useDefinitions(kind);
  const columns: Column<StoredDefinition>[] = [
    {
      key: "title",
      header: t("admin.name"),
      title: t("admin.name"),
      rowHeader: true,
      render: (d) => <Link to={`/administration/forloeb/definitioner/${d.kind}/${d.key}`}>{title(d)}</Link>,
    },
    { key: "key", header: t("admin.key"), title: t("admin.key"), render: (d) => <code>{d.key}</code> },
    { key: "version", header: t("admin.version"), title: t("admin.version"), render: (d) => d.version },
    {
      key: "created",
      header: t("admin.created"),
      title: t("admin.created"),
      render: (d) => dates.dateTime(d.createdAt),
    },
  ];
  return (
    <section aria-labelledby={`defs-${kind}`}>
      <h2 id={`defs-${kind}`}>{t(`definitionKindPlural.${kind}`)}</h2>
      {list.isPending ? <Spinner /> : null}
      {list.error ? <LoadError error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data ? (
        <Table
          caption={t(`definitionKindPlural.${kind}`)}
          captionHidden
          columns={columns}
          rows={list.data as StoredDefinition[]}
          rowKey={(d) => d.id}
        />
      ) : null}
    </section>
  );
}
