/** The risk colour of a screening (its words are in the detection namespace). */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { OUTCOME_COLOURS } from "../../domain/questionnaires/definition";

const COLOURS = new Set<string>(OUTCOME_COLOURS);

/** The risk colour as a coloured badge with its name, so it is never told by colour alone. */
export function RiskBadge({ colour, label }: { colour: string | null; label?: ReactNode }) {
  const { t } = useTranslation("detection");
  const known = colour && COLOURS.has(colour) ? colour : "none";
  return (
    <span className={`risk-badge risk-${known}`}>
      <span className="risk-dot" aria-hidden="true" />
      {label ?? t(`colour.${known}`)}
    </span>
  );
}
