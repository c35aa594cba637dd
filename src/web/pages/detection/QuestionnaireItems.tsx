/**
 * The items of a questionnaire as form controls: each question a radio group in a fieldset
 * with the question as legend; a run of checklist signs one group of checkboxes (a sign not
 * ticked is answered "no", so the checklist is always complete).
 */
import { useTranslation } from "react-i18next";
import type { QuestionnaireDefinition, QuestionnaireItem } from "../../../shared/api/questionnaires";
import { CheckboxList, RadioGroup, choiceId } from "../../components/Choices";
import { useLocalText } from "../../i18n/useLocalText";
import "./detection.css";

export type Answers = Record<string, string | boolean>;

type Block =
  | { kind: "question"; item: QuestionnaireItem; number: number }
  | { kind: "checklist"; items: QuestionnaireItem[]; first: number };

/** Questions numbered in order; consecutive checklist signs grouped. */
export function blocksOf(definition: QuestionnaireDefinition): Block[] {
  const blocks: Block[] = [];
  let number = 0;
  for (const item of definition.items) {
    if (item.kind === "checklist") {
      const last = blocks.at(-1);
      if (last?.kind === "checklist") last.items.push(item);
      else blocks.push({ kind: "checklist", items: [item], first: number + 1 });
    } else {
      number += 1;
      blocks.push({ kind: "question", item, number });
    }
  }
  return blocks;
}

/** Checklist signs start as "not seen"; questions start unanswered. */
export function initialAnswers(definition: QuestionnaireDefinition): Answers {
  return Object.fromEntries(definition.items.filter((i) => i.kind === "checklist").map((i) => [i.id, false]));
}

/** The input the error summary focuses for an item. */
export function itemInputId(definition: QuestionnaireDefinition, itemId: string): string {
  const blocks = blocksOf(definition);
  for (const b of blocks) {
    if (b.kind === "question" && b.item.id === itemId && b.item.kind !== "checklist")
      return choiceId(`answers-${itemId}`, b.item.options[0]!.id);
    if (b.kind === "checklist" && b.items.some((i) => i.id === itemId))
      return choiceId(`answers-checklist-${b.items[0]!.id}`, itemId);
  }
  return "questionnaire-items";
}

export function QuestionnaireItems({
  definition,
  answers,
  errors,
  onAnswer,
}: {
  definition: QuestionnaireDefinition;
  answers: Answers;
  errors: Record<string, string>;
  onAnswer: (itemId: string, value: string | boolean) => void;
}) {
  const { t } = useTranslation("detection");
  const local = useLocalText();
  return (
    <div id="questionnaire-items">
      {blocksOf(definition).map((block) => {
        if (block.kind === "checklist") {
          const groupId = `answers-checklist-${block.items[0]!.id}`;
          return (
            <CheckboxList
              key={groupId}
              id={groupId}
              legend={<span className="detection-item-legend">{t("form.checklistLegend")}</span>}
              hint={t("form.checklistHint")}
              choices={block.items.map((item) => {
                const text = local(item.text);
                const help = item.help ? local(item.help) : null;
                return {
                  value: item.id,
                  label: <span lang={text.lang}>{text.text}</span>,
                  hint: help ? <span lang={help.lang}>{help.text}</span> : undefined,
                };
              })}
              checked={(id) => answers[id] === true}
              onChange={(id, checked) => onAnswer(id, checked)}
            />
          );
        }
        const { item, number } = block;
        if (item.kind === "checklist") return null;
        const text = local(item.text);
        const help = item.help ? local(item.help) : null;
        const value = answers[item.id];
        return (
          <RadioGroup
            key={item.id}
            id={`answers-${item.id}`}
            large
            legendClassName="form-label detection-item-legend"
            legend={
              <>
                {number}. <span lang={text.lang}>{text.text}</span>
              </>
            }
            hint={help ? <span lang={help.lang}>{help.text}</span> : undefined}
            error={errors[`answers.${item.id}`]}
            value={typeof value === "string" ? value : ""}
            onChange={(v) => onAnswer(item.id, v)}
            choices={item.options.map((o) => {
              const label = local(o.label);
              return { value: o.id, label: <span lang={label.lang}>{label.text}</span> };
            })}
          />
        );
      })}
    </div>
  );
}
