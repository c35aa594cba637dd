/**
 * Search results: cards on a phone (nothing scrolls sideways at 360 px), a table from 768 px.
 * Distance is shown when a point was asked for — "afstand ukendt" when either end has no
 * coordinates, and nothing for in-home and phone offers, where there is no way to go.
 */
import { Link } from "react-router";
import { type Column, Table } from "../../../components/Table";
import type { ActivityHit } from "../api";
import { FeatureList, ThemeTags } from "../ui";
import { useWords } from "../words";

export function ActivityResults({ items, showDistance }: { items: ActivityHit[]; showDistance: boolean }) {
  const w = useWords();
  const { t } = w;
  const distanceOf = (a: ActivityHit) =>
    a.place.kind === "venue" ? w.distance(a.distanceKm) : w.code("placeKind", a.place.kind);
  const columns: Column<ActivityHit>[] = [
    {
      key: "title",
      header: t("result.activity"),
      title: t("result.activity"),
      rowHeader: true,
      render: (a) => (
        <>
          <Link to={`/katalog/aktiviteter/${a.id}`}>{a.title}</Link>
          <span className="catalog-sub">{a.organisation.name}</span>
        </>
      ),
    },
    { key: "when", header: t("result.when"), title: t("result.when"), render: (a) => w.schedule(a.schedule) },
    { key: "where", header: t("result.where"), title: t("result.where"), render: (a) => w.place(a.place) },
    ...(showDistance
      ? [
          {
            key: "distance",
            header: t("result.distance"),
            title: t("result.distance"),
            render: distanceOf,
            className: "text-nowrap",
          },
        ]
      : []),
    {
      key: "group",
      header: t("result.groupSize"),
      title: t("result.groupSize"),
      render: (a) => w.code("groupSize", a.groupSize),
    },
    { key: "cost", header: t("result.cost"), title: t("result.cost"), render: (a) => w.cost(a.cost) },
    {
      key: "access",
      header: t("result.accessibility"),
      title: t("result.accessibility"),
      render: (a) => <FeatureList features={a.accessibility} placeKind={a.place.kind} />,
    },
  ];
  return (
    <>
      <ul className="card-list d-md-none" data-testid="activity-cards">
        {items.map((a) => (
          <li key={a.id} data-testid="activity-card">
            <h3>
              <Link to={`/katalog/aktiviteter/${a.id}`}>{a.title}</Link>
            </h3>
            <p className="card-meta">
              <span>{a.organisation.name}</span>
              <ThemeTags themes={a.themes} />
            </p>
            <p>{w.schedule(a.schedule)}</p>
            <p>
              {w.place(a.place)}
              {showDistance && a.place.kind === "venue" ? (
                <strong className="catalog-distance"> · {w.distance(a.distanceKm)}</strong>
              ) : null}
            </p>
            <p className="card-meta">
              <span>{w.code("groupSize", a.groupSize)}</span>
              <span>{w.cost(a.cost)}</span>
            </p>
            <FeatureList features={a.accessibility} placeKind={a.place.kind} />
          </li>
        ))}
      </ul>
      <div className="d-none d-md-block" data-testid="activity-table">
        <Table
          caption={t("result.caption")}
          captionHidden
          columns={columns}
          rows={items}
          rowKey={(a) => a.id}
          compact
        />
      </div>
    </>
  );
}
