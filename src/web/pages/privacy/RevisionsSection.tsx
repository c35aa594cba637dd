/**
 * "Rettelser" on the citizen's data-protection page (GDPR art. 16, issue 13 point 2): every
 * correction of the register data — when, by whom, why, and each field old → new. For those who
 * read the audit trail (the history names staff and holds earlier identity data). A CPR number is
 * masked; "Vis CPR" is a logged reveal, as on the citizen page, kept only in this component.
 */
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { CitizenDetail } from "../../../shared/api/citizens";
import type {
  CitizenRevision,
  RevealedRevisionCpr,
  RevisionChange,
} from "../../../shared/api/privacy-rights";
import { ApiError } from "../../api/client";
import { citizenResource, useCan, useMe } from "../../app/session";
import { Button } from "../../components/Button";
import { LoadError } from "../../components/LoadError";
import { Spinner } from "../../components/Spinner";
import { Table } from "../../components/Table";
import { useDates } from "../../format";
import { rightsApi, rightsKeys } from "./rights-api";
import "./rights.css";

export function RevisionsSection({ citizen }: { citizen: CitizenDetail }) {
  const { t } = useTranslation("privacy");
  const { data: me } = useMe();
  const can = useCan();
  const resource = me ? citizenResource(me, citizen) : null;
  const allowed = resource ? can({ kind: "citizen.auditTrail", citizen: resource }) : false;
  const history = useQuery({
    queryKey: rightsKeys.revisions(citizen.id),
    queryFn: ({ signal }) => rightsApi.revisions(citizen.id, signal),
    enabled: allowed,
  });
  if (!resource || !allowed) return null;
  const mayReveal = can({ kind: "citizen.revealCpr", citizen: resource });
  return (
    <section aria-labelledby="revisions-heading" className="mt-8">
      <h2 id="revisions-heading">{t("rights.revisions.heading")}</h2>
      <p>{t("rights.revisions.lead")}</p>
      {history.isPending ? <Spinner /> : null}
      {history.isError ? <LoadError error={history.error} onRetry={() => void history.refetch()} /> : null}
      {history.data ? (
        history.data.revisions.length === 0 ? (
          <p>{t("rights.revisions.none")}</p>
        ) : (
          <ol className="privacy-revisions" data-testid="revision-history">
            {history.data.revisions.map((r) => (
              <Revision key={r.id} citizenId={citizen.id} revision={r} mayReveal={mayReveal} />
            ))}
          </ol>
        )
      ) : null}
    </section>
  );
}

function Revision({
  citizenId,
  revision,
  mayReveal,
}: {
  citizenId: string;
  revision: CitizenRevision;
  mayReveal: boolean;
}) {
  const { t } = useTranslation("privacy");
  const dates = useDates();
  const [cpr, setCpr] = useState<RevealedRevisionCpr | null>(null);
  const reveal = useMutation({
    mutationFn: () => rightsApi.revealRevisionCpr(citizenId, revision.id),
    onSuccess: setCpr,
  });
  const hasCpr = revision.changes.some((c) => c.field === "cpr");
  const shown = (c: RevisionChange, side: "from" | "to") => {
    const value = c.field === "cpr" && cpr ? cpr[side] : c[side];
    if (value === null || value === "")
      return <span className="small-text">{t("rights.revisions.empty")}</span>;
    if (typeof value === "boolean") return value ? t("rights.revisions.yes") : t("rights.revisions.no");
    return c.field === "cpr" ? <span className="cpr">{value}</span> : value;
  };
  const headingId = `revision-${revision.id}`;
  return (
    <li className="mt-5">
      <h3 id={headingId} className="h4">
        {t("rights.revisions.changedBy", {
          at: dates.dateTime(revision.changedAt),
          name: revision.changedBy?.name ?? t("rights.unknownUser"),
        })}
      </h3>
      <p>
        <strong>{t("rights.revisions.reason")}:</strong>{" "}
        {revision.reason ?? <span className="small-text">{t("rights.revisions.noReason")}</span>}
      </p>
      <Table
        caption={t("rights.revisions.caption", {
          at: dates.dateTime(revision.changedAt),
        })}
        captionHidden
        compact
        rows={revision.changes}
        rowKey={(c) => c.field}
        columns={[
          {
            key: "field",
            header: t("rights.revisions.columns.field"),
            title: t("rights.revisions.columns.field"),
            rowHeader: true,
            render: (c) => t(`rights.fields.${c.field}`),
          },
          {
            key: "from",
            header: t("rights.revisions.columns.from"),
            title: t("rights.revisions.columns.from"),
            render: (c) => shown(c, "from"),
          },
          {
            key: "to",
            header: t("rights.revisions.columns.to"),
            title: t("rights.revisions.columns.to"),
            render: (c) => shown(c, "to"),
          },
        ]}
      />
      {hasCpr && mayReveal ? (
        <div className="action-row">
          {cpr ? (
            <Button variant="function-link" icon="visibility-off" onClick={() => setCpr(null)}>
              {t("rights.revisions.hideCpr")}
            </Button>
          ) : (
            <Button
              variant="function-link"
              icon="visibility"
              pending={reveal.isPending}
              onClick={() => reveal.mutate()}
            >
              {t("rights.revisions.showCpr")}
            </Button>
          )}
          {reveal.error ? (
            <span className="form-error-message d-block" role="alert">
              {reveal.error instanceof ApiError ? reveal.error.message : t("rights.revisions.revealFailed")}
            </span>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}
