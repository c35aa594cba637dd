/**
 * The structured parts of a recorded conversation: interests grouped by the taxonomy's
 * themes, barriers from the catalogue (a ticked barrier shows what usually helps), goals with
 * agreements (who does what by when), and the FSIII condition Følelsesfunktioner.
 */
import { useTranslation } from "react-i18next";
import { CITIZEN_VIEWS, SEVERITIES } from "../../../domain/course/vocabulary";
import type { BarrierCatalogue, InterestTaxonomy } from "../../../shared/api/course-definitions";
import { Button } from "../../components/Button";
import { CheckboxList, RadioGroup } from "../../components/Choices";
import { TextField } from "../../components/Field";
import { useLocalText } from "../../i18n/useLocalText";

export interface AgreementValues {
  who: string;
  what: string;
  due: string;
}
export interface GoalValues {
  goal: string;
  agreements: AgreementValues[];
}

export const goalInputId = (g: number) => `goal-${g}`;
export const agreementInputId = (g: number, a: number, field: keyof AgreementValues) =>
  `goal-${g}-agreement-${a}-${field}`;

const toggle = (list: string[], value: string, on: boolean) =>
  on ? [...list.filter((v) => v !== value), value] : list.filter((v) => v !== value);

export function InterestsField({
  taxonomy,
  value,
  onChange,
}: {
  taxonomy: InterestTaxonomy;
  value: string[];
  onChange: (next: string[]) => void;
}) {
  const { t } = useTranslation("courses");
  const local = useLocalText();
  return (
    <fieldset className="form-section interest-grid" id="interests-group">
      <legend className="h4">{t("conversation.interests")}</legend>
      <span className="form-hint">{t("conversation.interestsHint")}</span>
      {taxonomy.themes.map((theme) => {
        const interests = taxonomy.interests.filter((i) => i.theme === theme.id);
        if (interests.length === 0) return null;
        const label = local(theme.label);
        return (
          <CheckboxList
            key={theme.id}
            id={`interest-${theme.id}`}
            legend={<span lang={label.lang}>{label.text}</span>}
            choices={interests.map((i) => {
              const text = local(i.label);
              return { value: i.id, label: <span lang={text.lang}>{text.text}</span> };
            })}
            checked={(id) => value.includes(id)}
            onChange={(id, on) => onChange(toggle(value, id, on))}
          />
        );
      })}
    </fieldset>
  );
}

export function BarriersField({
  catalogue,
  value,
  onChange,
}: {
  catalogue: BarrierCatalogue;
  value: string[];
  onChange: (next: string[]) => void;
}) {
  const { t } = useTranslation("courses");
  const local = useLocalText();
  const ticked = catalogue.barriers.filter((b) => value.includes(b.id));
  return (
    <div className="form-section">
      <CheckboxList
        id="barriers"
        legend={<span className="h4">{t("conversation.barriers")}</span>}
        hint={t("conversation.barriersHint")}
        choices={catalogue.barriers.map((b) => {
          const text = local(b.label);
          return { value: b.id, label: <span lang={text.lang}>{text.text}</span> };
        })}
        checked={(id) => value.includes(id)}
        onChange={(id, on) => onChange(toggle(value, id, on))}
      />
      <div aria-live="polite" data-testid="suggested-actions">
        {ticked.some((b) => b.suggestedActions.length > 0) ? (
          <div className="course-suggestions">
            <h4 className="h5">{t("conversation.suggestedActions")}</h4>
            {ticked.map((b) =>
              b.suggestedActions.length > 0 ? (
                <div key={b.id}>
                  <p className="mb-0">
                    <strong lang={local(b.label).lang}>{local(b.label).text}</strong>
                  </p>
                  <ul>
                    {b.suggestedActions.map((a, i) => (
                      <li key={i} lang={local(a).lang}>
                        {local(a).text}
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null,
            )}
          </div>
        ) : null}
      </div>
    </div>
  );
}

export function GoalsField({
  goals,
  onChange,
  errors,
}: {
  goals: GoalValues[];
  onChange: (next: GoalValues[]) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation("courses");
  const setGoal = (g: number, next: GoalValues) => onChange(goals.map((x, i) => (i === g ? next : x)));
  return (
    <fieldset className="form-section" id="goals-group">
      <legend className="h4">{t("conversation.goals")}</legend>
      <span className="form-hint">{t("conversation.goalsHint")}</span>
      {goals.map((goal, g) => (
        <div key={g} className="course-goal">
          <TextField
            id={goalInputId(g)}
            label={t("conversation.goal", { n: g + 1 })}
            value={goal.goal}
            onChange={(v) => setGoal(g, { ...goal, goal: v })}
            error={errors[`goals.${g}.goal`]}
          />
          {goal.agreements.map((a, n) => {
            const setField = (field: keyof AgreementValues) => (v: string) =>
              setGoal(g, {
                ...goal,
                agreements: goal.agreements.map((x, i) => (i === n ? { ...x, [field]: v } : x)),
              });
            return (
              <fieldset key={n} className="course-agreement">
                <legend className="form-label">{t("conversation.agreement", { n: n + 1 })}</legend>
                <TextField
                  id={agreementInputId(g, n, "who")}
                  label={t("conversation.who")}
                  value={a.who}
                  onChange={setField("who")}
                  error={errors[`goals.${g}.agreements.${n}.who`]}
                />
                <TextField
                  id={agreementInputId(g, n, "what")}
                  label={t("conversation.what")}
                  value={a.what}
                  onChange={setField("what")}
                  error={errors[`goals.${g}.agreements.${n}.what`]}
                />
                <TextField
                  id={agreementInputId(g, n, "due")}
                  type="date"
                  label={t("conversation.due")}
                  optional
                  value={a.due}
                  onChange={setField("due")}
                  error={errors[`goals.${g}.agreements.${n}.due`]}
                  width="input-width-s"
                />
                <Button
                  variant="function-link"
                  icon="minus"
                  onClick={() =>
                    setGoal(g, { ...goal, agreements: goal.agreements.filter((_, i) => i !== n) })
                  }
                >
                  {t("conversation.removeAgreement", { n: n + 1 })}
                </Button>
              </fieldset>
            );
          })}
          <div className="action-row">
            <Button
              variant="secondary"
              icon="plus"
              onClick={() =>
                setGoal(g, { ...goal, agreements: [...goal.agreements, { who: "", what: "", due: "" }] })
              }
            >
              {t("conversation.addAgreement")}
            </Button>
            <Button
              variant="function-link"
              icon="minus"
              onClick={() => onChange(goals.filter((_, i) => i !== g))}
            >
              {t("conversation.removeGoal", { n: g + 1 })}
            </Button>
          </div>
        </div>
      ))}
      <Button
        variant="secondary"
        icon="plus"
        onClick={() => onChange([...goals, { goal: "", agreements: [] }])}
        disabled={goals.length >= 10}
      >
        {t("conversation.addGoal")}
      </Button>
    </fieldset>
  );
}

export function ConditionField({
  severity,
  citizenView,
  onSeverity,
  onCitizenView,
  error,
}: {
  severity: string;
  citizenView: string;
  onSeverity: (v: string) => void;
  onCitizenView: (v: string) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation("courses");
  return (
    <fieldset className="form-section" id="condition-group">
      <legend className="h4">{t("condition.heading")}</legend>
      <span className="form-hint">{t("condition.hint")}</span>
      <RadioGroup
        id="severity"
        legend={t("condition.severity")}
        error={error}
        large
        value={severity}
        onChange={onSeverity}
        choices={[
          ...SEVERITIES.map((s) => ({ value: String(s), label: t(`severity.${s}`) })),
          { value: "", label: t("condition.notAssessed") },
        ]}
      />
      {severity !== "" ? (
        <RadioGroup
          id="citizen-view"
          legend={t("condition.citizenView")}
          value={citizenView}
          onChange={onCitizenView}
          choices={[
            ...CITIZEN_VIEWS.map((v) => ({ value: v, label: t(`citizenView.${v}`) })),
            { value: "", label: t("condition.notAsked") },
          ]}
        />
      ) : null}
    </fieldset>
  );
}
