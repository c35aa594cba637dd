/** A questionnaire definition in words: items with options and scores, scores, outcomes and the rule; the raw JSON below. */
import { useTranslation } from "react-i18next";
import { RiskBadge } from "../../../components/RiskBadge";
import { useLocalText } from "../../../i18n/useLocalText";
import type { StoredQuestionnaire } from "../api";

export function DefinitionView({ questionnaire }: { questionnaire: StoredQuestionnaire }) {
  const { t } = useTranslation("detection");
  const local = useLocalText();
  const d = questionnaire.definition;
  const outcomeLabel = (key: string) => {
    const o = d.outcomes.find((x) => x.key === key);
    return o ? local(o.label).text : key;
  };
  return (
    <div className="mt-4">
      {d.notice ? <p className="form-hint">{local(d.notice).text}</p> : null}
      <h4>{t("admin.items")}</h4>
      <ol>
        {d.items.map((item) => (
          <li key={item.id}>
            {local(item.text).text} <code>{item.id}</code>
            {item.example ? <span className="status-tag ml-2">{t("admin.example")}</span> : null}
            {item.kind === "checklist" ? (
              <span> — {t("admin.checklistScore", { score: item.score })}</span>
            ) : (
              <ul>
                {item.options.map((o) => (
                  <li key={o.id}>
                    {local(o.label).text}
                    {"score" in o ? ` = ${o.score}` : ` (${t("admin.judgement")})`}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
      <h4>{t("admin.outcomes")}</h4>
      <ul className="nobullet-list">
        {d.outcomes.map((o) => (
          <li key={o.key} className="mb-2">
            <RiskBadge colour={o.colour} label={local(o.label).text} />{" "}
            <span>{t(`workflow.${o.workflow}`)}</span>
          </li>
        ))}
      </ul>
      <h4>{t("admin.rule")}</h4>
      {d.result.kind === "bands" ? (
        <ul>
          {d.result.bands.map((b, i) => (
            <li key={i}>
              {b.max === undefined
                ? t("admin.bandOpen", { min: b.min })
                : t("admin.band", { min: b.min, max: b.max })}{" "}
              → {outcomeLabel(b.outcome)}
            </li>
          ))}
        </ul>
      ) : (
        <ol>
          {d.result.rules.map((rule, i) => (
            <li key={i}>
              {rule.when
                .map((c) =>
                  c.kind === "score"
                    ? `${c.score} ${c.min !== undefined ? `≥ ${c.min}` : ""}${c.max !== undefined ? ` ≤ ${c.max}` : ""}`
                    : `${c.item} ∈ {${c.anyOf.join(", ")}}`,
                )
                .join(" & ")}{" "}
              → {outcomeLabel(rule.outcome)}
            </li>
          ))}
          <li>{t("admin.otherwise", { outcome: outcomeLabel(d.result.otherwise) })}</li>
        </ol>
      )}
      <details>
        <summary>{t("admin.rawJson")}</summary>
        <pre className="pre-block">{JSON.stringify(d, null, 2)}</pre>
      </details>
    </div>
  );
}
