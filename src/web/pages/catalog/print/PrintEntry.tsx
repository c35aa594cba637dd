/**
 * One activity on a printed list, in three short lines a citizen can read without glasses:
 * what and who; when and where; phone, price and access. Shared by the one-page area list and
 * the citizen's short list.
 */
import type { Activity } from "../api";
import { useWords } from "../words";

export interface PrintItem {
  id: string;
  title: string;
  organisationName: string;
  schedule: Activity["schedule"];
  place: Activity["place"];
  distanceKm: number | null;
  phone: string | null;
  cost: Activity["cost"];
  accessibility: readonly string[];
}

export function PrintEntry({ item: a }: { item: PrintItem }) {
  const w = useWords();
  const where = `${w.place(a.place)}${a.place.kind === "venue" && a.distanceKm !== null ? ` (${w.distance(a.distanceKm)})` : ""}`;
  const practical = [
    a.phone ? w.t("print.phone", { phone: a.phone }) : null,
    w.cost(a.cost),
    a.place.kind === "venue" && a.accessibility.length > 0 ? w.features(a.accessibility) : null,
  ];
  return (
    <li>
      <strong>{a.title}</strong> – {a.organisationName}
      <br />
      {w.schedule(a.schedule)} · {where}
      <br />
      {practical.filter(Boolean).join(" · ")}
    </li>
  );
}
