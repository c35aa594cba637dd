/**
 * The weekly triage meeting (team leaders): choose district and day, see every citizen of the
 * team with the latest risk colour, filter, set colour and decision with one click each
 * (saved as the meeting's minutes), print or export the list.
 * By default only the citizens still to discuss are shown, grouped by colour, with the progress
 * "12 af 31 drøftet" (issue 17 point 4: the full list was very long on a phone); `?droeftede=vis`
 * shows the discussed too.
 */
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { adminApi, keys } from "../../api/endpoints";
import { useMe } from "../../app/session";
import { Button } from "../../components/Button";
import { RadioGroup } from "../../components/Choices";
import { Checkbox, SelectField, TextField } from "../../components/Field";
import { Icon } from "../../components/Icon";
import { LoadError } from "../../components/LoadError";
import { PageHeading } from "../../components/Page";
import { RiskBadge } from "../../components/RiskBadge";
import { Spinner } from "../../components/Spinner";
import { todayInCopenhagen, useDates } from "../../format";
import { TRIAGE_FILTERS, type TriageFilter } from "../../../domain/vocabulary/detection";
import { detectionApi, detectionKeys } from "../detection/api";
import { TriageRowCard } from "./TriageRowCard";
import { neighbourOf, triageView } from "./triage-progress";
import "./triage.css";

export default function TriagePage() {
  const { t } = useTranslation("detection");
  const dates = useDates();
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const districtId = params.get("distrikt") ?? "";
  const heldOn = params.get("dato") ?? "";
  const filter = (TRIAGE_FILTERS as readonly string[]).includes(params.get("filter") ?? "")
    ? (params.get("filter") as TriageFilter)
    : "all";
  const showDiscussed = params.get("droeftede") === "vis";
  const districts = useQuery({
    queryKey: keys.districts,
    queryFn: ({ signal }) => adminApi.districts(signal),
    staleTime: 300_000,
  });
  const [draft, setDraft] = useState({
    districtId: districtId || me?.district?.id || "",
    heldOn: heldOn || todayInCopenhagen(),
  });
  const [draftError, setDraftError] = useState<string | undefined>();

  // Opening is idempotent (one meeting per district and day), so a reload reopens the same meeting.
  const opened = useQuery({
    queryKey: ["triage", "open", districtId, heldOn],
    queryFn: () => detectionApi.openMeeting(districtId, heldOn),
    enabled: Boolean(districtId && heldOn),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const meetingId = opened.data?.id ?? "";
  const meeting = useQuery({
    queryKey: detectionKeys.meeting(meetingId, filter),
    queryFn: ({ signal }) => detectionApi.meeting(meetingId, filter, signal),
    enabled: Boolean(meetingId),
  });

  function open(e: FormEvent) {
    e.preventDefault();
    if (!draft.districtId) return setDraftError(t("triage.errors.district"));
    setDraftError(undefined);
    setParams({ distrikt: draft.districtId, dato: draft.heldOn || todayInCopenhagen() });
  }

  const setFilter = (f: string) => {
    const next = new URLSearchParams(params);
    if (f === "all") next.delete("filter");
    else next.set("filter", f);
    setParams(next, { replace: true });
  };

  const setShowDiscussed = (on: boolean) => {
    const next = new URLSearchParams(params);
    if (on) next.set("droeftede", "vis");
    else next.delete("droeftede");
    setParams(next, { replace: true });
  };

  const m = meeting.data;
  const view = m ? triageView(m.rows, showDiscussed) : null;
  // A decided citizen leaves the default view; focus goes to the next one shown (or the progress
  // line), both already on the page, rather than being lost with the removed buttons.
  const onDecided = (citizenId: string) => {
    if (showDiscussed || !view) return;
    const next = neighbourOf(view, (r) => r.citizen.id, citizenId);
    const el = next
      ? document.getElementById(`triage-name-${next}`)?.querySelector("a")
      : document.getElementById("triage-progress");
    el?.focus();
  };

  const title = m
    ? t("triage.meetingTitle", { district: m.district.name, date: dates.day(m.heldOn) })
    : t("triage.title");
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <form onSubmit={open} className="filter-bar no-print" aria-label={t("triage.choose")}>
        <SelectField
          id="triage-district"
          label={t("triage.district")}
          value={draft.districtId}
          onChange={(v) => setDraft((d) => ({ ...d, districtId: v }))}
          emptyOption={t("triage.chooseDistrict")}
          options={(districts.data ?? [])
            .filter((d) => d.active)
            .map((d) => ({ value: d.id, label: d.name }))}
          error={draftError}
        />
        <TextField
          id="triage-date"
          type="date"
          label={t("triage.date")}
          value={draft.heldOn}
          onChange={(v) => setDraft((d) => ({ ...d, heldOn: v }))}
          width="input-width-s"
        />
        <Button type="submit" icon="groups">
          {t("triage.open")}
        </Button>
      </form>
      {districts.error ? <LoadError error={districts.error} /> : null}
      {opened.error ? <LoadError error={opened.error} onRetry={() => void opened.refetch()} /> : null}
      {meeting.error ? <LoadError error={meeting.error} onRetry={() => void meeting.refetch()} /> : null}
      {opened.isFetching || meeting.isPending ? (
        districtId ? (
          <Spinner />
        ) : (
          <p>{t("triage.notOpen")}</p>
        )
      ) : null}
      {m ? (
        <>
          <div className="action-row no-print">
            <Button variant="secondary" icon="print" onClick={() => window.print()}>
              {t("triage.print")}
            </Button>
            <a className="button button-secondary" href={detectionApi.meetingCsvUrl(m.id)} download>
              <Icon name="download" />
              {t("triage.csv")}
            </a>
          </div>
          <div className="no-print">
            <RadioGroup
              id="triage-filter"
              legend={t("triage.filter")}
              value={filter}
              onChange={setFilter}
              choices={TRIAGE_FILTERS.map((f) => ({ value: f, label: t(`triageFilter.${f}`) }))}
            />
          </div>
          {view ? (
            <>
              <p
                role="status"
                id="triage-progress"
                className="triage-progress"
                tabIndex={-1}
                data-testid="triage-progress"
              >
                {view.total === 0
                  ? t("triage.count", { count: 0 })
                  : t("triage.progress", { discussed: view.discussed, total: view.total })}
              </p>
              {view.total > 0 ? (
                <progress
                  className="triage-progress-bar"
                  value={view.discussed}
                  max={view.total}
                  aria-labelledby="triage-progress"
                />
              ) : null}
              <div className="no-print">
                <Checkbox
                  id="triage-show-discussed"
                  label={t("triage.showDiscussed", { count: view.discussed })}
                  checked={showDiscussed}
                  onChange={setShowDiscussed}
                />
              </div>
              {view.total > 0 && view.groups.length === 0 ? <p>{t("triage.allDiscussed")}</p> : null}
              {view.groups.length > 1 ? (
                // On a phone the groups are long: a line of links jumps straight to one.
                <nav className="triage-jump no-print" aria-label={t("triage.jumpLabel")}>
                  <ul className="nobullet-list">
                    {view.groups.map((g) => (
                      <li key={g.key}>
                        <a href={`#triage-group-${g.key}`}>
                          {t(`colour.${g.key}`)} ({g.rows.length})
                        </a>
                      </li>
                    ))}
                  </ul>
                </nav>
              ) : null}
              <div data-testid="triage-list">
                {view.groups.map((g) => (
                  <section key={g.key} aria-labelledby={`triage-group-${g.key}`}>
                    <h2 id={`triage-group-${g.key}`} className="triage-group-heading">
                      <RiskBadge colour={g.key === "none" ? null : g.key} />{" "}
                      <span className="triage-group-count">
                        {t("triage.groupLeft", { count: g.total - g.discussed })}
                      </span>
                    </h2>
                    <ul className="card-list" aria-labelledby={`triage-group-${g.key}`}>
                      {g.rows.map((row) => (
                        <TriageRowCard
                          key={row.citizen.id}
                          meetingId={m.id}
                          filter={filter}
                          row={row}
                          onDecided={onDecided}
                        />
                      ))}
                    </ul>
                  </section>
                ))}
              </div>
            </>
          ) : null}
        </>
      ) : null}
    </>
  );
}
