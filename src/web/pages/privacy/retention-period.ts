import type { TFunction } from "i18next";
import { describePeriod } from "../../../domain/privacy/retention-rules";

/** A rule's period in words ("5 år", "90 dage"): shared by the rule, its form and its preview. */
export function periodText(t: TFunction<"privacy">, keepDays: number): string {
  const p = describePeriod(keepDays);
  return t(`retention.period.${p.unit}`, { count: p.count });
}
