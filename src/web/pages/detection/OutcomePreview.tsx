/**
 * The outcome while the form is filled: colour and label as soon as every item is answered,
 * otherwise how many are left. A polite live region, so a screen reader hears the change.
 */
import { useTranslation } from "react-i18next";
import type { ScoreResult } from "../../../domain/questionnaires/score";
import type { QuestionnaireDefinition } from "../../../shared/api/questionnaires";
import { RiskBadge } from "../../components/RiskBadge";
import { useLocalText } from "../../i18n/useLocalText";
import type { Answers } from "./QuestionnaireItems";
import "./detection.css";

export function OutcomePreview({
  definition,
  scored,
  answers,
}: {
  definition: QuestionnaireDefinition;
  scored: ScoreResult | null;
  answers: Answers;
}) {
  const { t } = useTranslation("detection");
  const local = useLocalText();
  const total = definition.items.length;
  const answered = definition.items.filter((i) => answers[i.id] !== undefined).length;
  const outcome = scored?.ok ? scored.outcome : null;
  const mainScore = scored?.ok ? definition.scores[0] : undefined;
  const label = outcome ? local(outcome.label) : null;
  const description = outcome?.description ? local(outcome.description) : null;

  return (
    <section
      className={`detection-outcome${outcome ? ` outcome-${outcome.colour}` : ""}`}
      aria-labelledby="outcome-heading"
      data-testid="outcome-preview"
    >
      <h2 id="outcome-heading">{t("form.outcomeHeading")}</h2>
      <div aria-live="polite" aria-atomic="true">
        {outcome && label ? (
          <>
            <p>
              <RiskBadge colour={outcome.colour} /> <strong lang={label.lang}>{label.text}</strong>
              {mainScore && scored?.ok ? (
                <span> · {t("form.score", { score: scored.scores[mainScore.key] })}</span>
              ) : null}
            </p>
            {description ? <p lang={description.lang}>{description.text}</p> : null}
            <p>{t(`workflow.${outcome.workflow}`)}</p>
          </>
        ) : (
          <p>{t("form.outcomePending", { answered, total })}</p>
        )}
      </div>
    </section>
  );
}
