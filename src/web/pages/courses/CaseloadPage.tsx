/**
 * "Mine forløb": a coordinator's open courses — stage, days in stage, last contact, next
 * planned clip, clips left and overdue follow-ups — sortable by every column so nothing
 * drifts. A manager sees one coordinator's list (?koordinator=<id>) or all of them.
 */
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { copenhagenDate } from "../../../domain/time";
import { useCan } from "../../app/session";
import { SelectField } from "../../components/Field";
import { Icon } from "../../components/Icon";
import { LoadError } from "../../components/LoadError";
import { PageHeading } from "../../components/Page";
import { Spinner } from "../../components/Spinner";
import { type Column, Table } from "../../components/Table";
import { useDates } from "../../format";
import { type CourseSummary, courseKeys, coursesApi } from "./api";
import {
  SORT_COLUMNS,
  type Sort,
  type SortColumn,
  formatSort,
  parseSort,
  sortCourses,
} from "./caseload-sort";
import { ClipsLeft, PausedBadge, StageTag, clock } from "./ui";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default function CaseloadPage() {
  const { t } = useTranslation("courses");
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const mayAll = can({ kind: "course.caseloadAll" });
  const param = params.get("koordinator");
  const coordinator = mayAll ? (param && UUID.test(param) ? param : "all") : null;
  const sort = parseSort(params.get("sort"));
  const caseload = useQuery({
    queryKey: courseKeys.caseload(coordinator),
    queryFn: ({ signal }) => coursesApi.caseload(coordinator, signal),
  });

  const setSort = (next: Sort) => {
    const p = new URLSearchParams(params);
    p.set("sort", formatSort(next));
    setParams(p, { replace: true });
  };
  // The coordinator's name from the overview the manager came from: a coordinator without open
  // courses (one just added, or from a joint project) has no course to take it from.
  const coordinators = useQuery({
    queryKey: courseKeys.coordinators,
    queryFn: ({ signal }) => coursesApi.coordinators(signal),
    enabled: Boolean(coordinator && coordinator !== "all"),
  });
  const name =
    coordinator && coordinator !== "all"
      ? (coordinators.data?.find((c) => c.coordinator.id === coordinator)?.coordinator.name ??
        caseload.data?.[0]?.coordinator.name)
      : null;
  const title = !mayAll
    ? t("caseload.title")
    : coordinator === "all"
      ? t("caseload.allTitle")
      : name
        ? t("caseload.ofTitle", { name })
        : t("caseload.coordinatorTitle");
  const rows = caseload.data ? sortCourses(caseload.data, sort) : [];

  return (
    <>
      {mayAll ? (
        <div>
          <Link to="/forloeb/koordinatorer" className="back-link">
            <Icon name="chevron-left" />
            {t("coordinators.title")}
          </Link>
        </div>
      ) : null}
      <PageHeading title={title}>{title}</PageHeading>
      <p className="font-lead">{t("caseload.intro")}</p>
      {caseload.isPending ? <Spinner /> : null}
      {caseload.error ? <LoadError error={caseload.error} onRetry={() => void caseload.refetch()} /> : null}
      {caseload.data ? (
        <>
          <p role="status" className="result-count">
            {t("caseload.count", { count: caseload.data.length })}
            {caseload.data.some((c) => c.followUpOverdue)
              ? ` · ${t("caseload.overdueCount", { count: caseload.data.filter((c) => c.followUpOverdue).length })}`
              : null}
          </p>
          {caseload.data.length > 0 ? (
            <>
              <div className="d-md-none">
                <SelectField
                  id="caseload-sort"
                  label={t("caseload.sortBy")}
                  value={formatSort(sort)}
                  onChange={(v) => setSort(parseSort(v))}
                  options={SORT_COLUMNS.filter((c) => c !== "coordinator" || coordinator === "all").flatMap(
                    (c) => [
                      { value: c, label: `${t(`caseload.col.${c}`)} (${t("caseload.ascending")})` },
                      { value: `-${c}`, label: `${t(`caseload.col.${c}`)} (${t("caseload.descending")})` },
                    ],
                  )}
                />
              </div>
              <CaseloadTable
                rows={rows}
                sort={sort}
                onSort={setSort}
                showCoordinator={coordinator === "all"}
              />
            </>
          ) : (
            <p>{t("caseload.none")}</p>
          )}
        </>
      ) : null}
    </>
  );
}

function SortButton({ column, sort, onSort }: { column: SortColumn; sort: Sort; onSort: (s: Sort) => void }) {
  const { t } = useTranslation("courses");
  const active = sort.column === column;
  const icon = active
    ? sort.descending
      ? "sort-table-descending"
      : "sort-table-ascending"
    : "sort-table-none";
  return (
    <button
      type="button"
      className="function-link course-sort"
      onClick={() => onSort({ column, descending: active ? !sort.descending : false })}
    >
      {t(`caseload.col.${column}`)}
      <Icon name={icon} />
    </button>
  );
}

function CaseloadTable({
  rows,
  sort,
  onSort,
  showCoordinator,
}: {
  rows: CourseSummary[];
  sort: Sort;
  onSort: (s: Sort) => void;
  showCoordinator: boolean;
}) {
  const { t } = useTranslation("courses");
  const dates = useDates();
  const column = (
    key: SortColumn,
    render: Column<CourseSummary>["render"],
    extra: Partial<Column<CourseSummary>> = {},
  ): Column<CourseSummary> => ({
    key,
    header: <SortButton column={key} sort={sort} onSort={onSort} />,
    title: t(`caseload.col.${key}`),
    ariaSort: sort.column === key ? (sort.descending ? "descending" : "ascending") : "none",
    render,
    ...extra,
  });
  const columns: Column<CourseSummary>[] = [
    column("citizen", (c) => <Link to={`/forloeb/${c.id}`}>{c.citizen.name}</Link>, { rowHeader: true }),
    ...(showCoordinator ? [column("coordinator", (c) => c.coordinator.name)] : []),
    column("stage", (c) => (
      <span className="course-tags">
        <StageTag stage={c.stage} />
        {c.paused ? <PausedBadge /> : null}
      </span>
    )),
    column("days", (c) => t("caseload.days", { count: c.daysInStage })),
    column("lastContact", (c) =>
      c.lastContactAt ? dates.day(copenhagenDate(new Date(c.lastContactAt))) : t("caseload.noContact"),
    ),
    column("nextClip", (c) =>
      c.nextClip
        ? `${dates.day(c.nextClip.date)}${c.nextClip.start ? ` ${clock(c.nextClip.start)}` : ""} · ${t(`clipKind.${c.nextClip.kind}`, { defaultValue: c.nextClip.kind })}`
        : t("caseload.noClip"),
    ),
    column("clipsLeft", (c) => <ClipsLeft count={c.clipsLeft} warn={c.cardWarning} />),
    column("followUp", (c) =>
      c.nextFollowUpOn ? (
        <span className={c.followUpOverdue ? "overdue-text" : undefined}>
          {c.followUpOverdue ? <Icon name="error" className="warn-icon" /> : null}
          {c.followUpOverdue
            ? t("caseload.overdue", { date: dates.day(c.nextFollowUpOn) })
            : dates.day(c.nextFollowUpOn)}
        </span>
      ) : (
        t("caseload.noFollowUp")
      ),
    ),
  ];
  return (
    <Table
      caption={t("caseload.caption")}
      captionHidden
      columns={columns}
      rows={rows}
      rowKey={(c) => c.id}
      rowClassName={(c) => (c.followUpOverdue ? "course-row-overdue" : undefined)}
    />
  );
}
