/**
 * "Små fællesskaber" (/smaa-faellesskaber): proposals of 2–5 citizens in open courses who share
 * interests and live near each other (or whom a citizen named), forming a community from one,
 * and the municipality's small communities with their members and latest meeting.
 */
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { useCan } from "../../../app/session";
import { Button } from "../../../components/Button";
import { SelectField } from "../../../components/Field";
import { LoadError } from "../../../components/LoadError";
import { PageHeading } from "../../../components/Page";
import { Spinner } from "../../../components/Spinner";
import { useDates } from "../../../format";
import { type CommunityProposal, afproevApi, catalogKeys } from "../api";
import { useWords } from "../words";
import { CommunityForm } from "./CommunityForm";
import "../catalog.css";

const NEARBY = [1, 2, 3, 5, 10, 20] as const;

export default function CommunitiesPage() {
  const { t } = useWords();
  const can = useCan();
  const navigate = useNavigate();
  const [forming, setForming] = useState<{ proposal: CommunityProposal | null } | null>(null);
  const manage = can({ kind: "smallCommunity.manage" });
  return (
    <>
      <PageHeading title={t("community.title")}>{t("community.title")}</PageHeading>
      <p className="font-lead">{t("community.intro")}</p>
      {manage ? (
        <div className="action-row">
          <Button
            variant="secondary"
            icon="plus"
            aria-expanded={forming !== null}
            onClick={() => setForming(forming ? null : { proposal: null })}
          >
            {t("community.create")}
          </Button>
        </div>
      ) : null}
      {forming ? (
        <div className="section-panel" id="community-panel">
          <CommunityForm
            key={forming.proposal?.members.map((m) => m.courseId).join() ?? "empty"}
            proposal={forming.proposal}
            onDone={(c) => navigate(`/smaa-faellesskaber/${c.id}`, { state: { created: true } })}
            onCancel={() => setForming(null)}
          />
        </div>
      ) : null}
      {manage ? <Proposals onForm={(proposal) => setForming({ proposal })} /> : null}
      <CommunityList />
    </>
  );
}

function Proposals({ onForm }: { onForm: (p: CommunityProposal) => void }) {
  const w = useWords();
  const { t } = w;
  const [km, setKm] = useState<number | null>(null);
  const proposals = useQuery({
    queryKey: catalogKeys.proposals(km),
    queryFn: ({ signal }) => afproevApi.proposals(km, signal),
  });
  return (
    <section aria-labelledby="proposals-heading" className="mt-7">
      <h2 id="proposals-heading">{t("community.proposalsHeading")}</h2>
      <p>{t("community.proposalsIntro")}</p>
      <SelectField
        id="proposal-distance"
        label={t("community.nearby")}
        value={km === null ? "" : String(km)}
        onChange={(v) => setKm(v ? Number(v) : null)}
        emptyOption={
          proposals.data && km === null
            ? t("community.nearbyDefault", { km: proposals.data.maxDistanceKm })
            : t("community.nearbyDefaultPlain")
        }
        options={NEARBY.map((d) => ({ value: String(d), label: t("search.withinKm", { km: d }) }))}
      />
      {proposals.isPending ? <Spinner /> : null}
      {proposals.error ? (
        <LoadError error={proposals.error} onRetry={() => void proposals.refetch()} />
      ) : null}
      {proposals.data?.proposals.length === 0 ? <p>{t("community.noProposals")}</p> : null}
      {proposals.data && proposals.data.proposals.length > 0 ? (
        <ul className="card-list" data-testid="proposals">
          {proposals.data.proposals.map((p) => (
            <li key={p.members.map((m) => m.courseId).join()}>
              <h3>{w.code("proposalKind", p.kind)}</h3>
              <p className="card-meta">
                {p.sharedInterests.length > 0 ? (
                  <span>{t("community.shared", { list: w.list(p.sharedInterests.map(w.interest)) })}</span>
                ) : null}
                <span>
                  {p.spanKm === null
                    ? t("distance.unknown")
                    : t("community.span", { km: w.number(p.spanKm) })}
                </span>
              </p>
              <ul className="catalog-plain-list">
                {p.members.map((m) => (
                  <li key={m.courseId}>
                    <Link to={`/forloeb/${m.courseId}`}>{m.citizen.name}</Link>, {m.citizen.address}
                  </li>
                ))}
              </ul>
              <div className="card-buttons">
                <Button variant="secondary" icon="groups" onClick={() => onForm(p)}>
                  {t("community.formFromProposal")}
                </Button>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function CommunityList() {
  const w = useWords();
  const { t } = w;
  const dates = useDates();
  const list = useQuery({
    queryKey: catalogKeys.communities,
    queryFn: ({ signal }) => afproevApi.communities(signal),
  });
  return (
    <section aria-labelledby="communities-heading" className="mt-7">
      <h2 id="communities-heading">{t("community.listHeading")}</h2>
      {list.isPending ? <Spinner /> : null}
      {list.error ? <LoadError error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data?.length === 0 ? <p>{t("community.none")}</p> : null}
      {list.data && list.data.length > 0 ? (
        <ul className="card-list" data-testid="communities">
          {list.data.map((c) => (
            <li key={c.id}>
              <h3>
                <Link to={`/smaa-faellesskaber/${c.id}`}>{c.name}</Link>{" "}
                <span className={`status-tag community-${c.status}`}>
                  {w.code("communityStatus", c.status)}
                </span>
              </h3>
              <p className="mb-0">{w.list(c.members.map((m) => m.citizen.name))}</p>
              <p className="card-meta">
                {c.meetingPlace ? <span>{c.meetingPlace}</span> : null}
                {c.host ? <span>{t("community.hostIs", { name: c.host.name })}</span> : null}
                <span>
                  {c.lastMeetingOn
                    ? t("community.lastMeeting", { date: dates.day(c.lastMeetingOn) })
                    : t("community.noMeetings")}
                </span>
              </p>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
