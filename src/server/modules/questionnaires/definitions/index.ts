/**
 * The questionnaire definitions Broen ships as defaults (version 1 each).
 * They are data: a municipality copies them into its own definitions and
 * edits them there (a change is a new version). Each file is validated with
 * the same schema as an administrator's upload when this module loads, so a
 * broken shipped definition fails at start-up and in the tests, never later.
 */
import { QuestionnaireDefinition } from "../../../../shared/api/questionnaires.js";
import amager5 from "./amager-5.json" with { type: "json" };
import tIls from "./t-ils.json" with { type: "json" };
import signs from "./tegn-paa-ensomhed.json" with { type: "json" };

function load(file: string, data: unknown): QuestionnaireDefinition {
  const parsed = QuestionnaireDefinition.safeParse(data);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw new Error(`Shipped questionnaire definition ${file} is invalid: ${where}`);
  }
  return parsed.data;
}

/** Signs checklist (Viborg/Favrskov folders), T-ILS (UCLA, 3 items), Amager's 5-question screening. */
export const SHIPPED_DEFINITIONS: readonly QuestionnaireDefinition[] = Object.freeze([
  load("tegn-paa-ensomhed.json", signs),
  load("t-ils.json", tIls),
  load("amager-5.json", amager5),
]);

export function shippedDefinition(key: string): QuestionnaireDefinition | undefined {
  return SHIPPED_DEFINITIONS.find((d) => d.key === key);
}
