/**
 * Message templates (issue 16): texts with variables in braces — "Hej {fornavn}. I morgen {dato}
 * kl. {tid} …" — rendered for one citizen. The variable names are Danish, because the people who
 * edit the texts are Danish administrators; the same names serve the English texts.
 *
 * The guard (checkMessageText) keeps what must never travel in an SMS or e-mail out of a template
 * and out of a coordinator's free text: a CPR number, and variables Broen does not know (which
 * would reach the citizen as "{diagnose}" or, worse, tempt someone to add such a variable).
 */

/** Every variable a template may use, and what it stands for. */
export const TEMPLATE_VARIABLES = [
  "fornavn", // the citizen's first name
  "dato", // the day of the visit, written out ("torsdag den 10. december")
  "tid", // the clock time ("10:00")
  "sted", // where: the citizen's address, or where they are picked up
  "medarbejder", // who comes (first name and last name of the worker)
  "koordinator", // the citizen's coordinator
  "telefon", // the coordinator's (or the unit's) phone number
] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];
export type TemplateValues = Partial<Record<TemplateVariable, string | null>>;

const KNOWN: ReadonlySet<string> = new Set(TEMPLATE_VARIABLES);

/**
 * Ten digits as a CPR number is written — DDMMYY-SSSS, DDMMYYSSSS or DDMMYY SSSS — not part of a
 * longer number or a phone number's "+45…". The date is not checked: a text holding any such number is refused, because
 * nobody has a reason to send ten digits in a reminder, and a near-miss CPR is still personal data.
 */
const CPR_LIKE = /(?<![\d+])\d{6}[-\s]?\d{4}(?!\d)/;
const TOKEN = /\{([^{}]*)\}/g;

export function containsCprNumber(text: string): boolean {
  return CPR_LIKE.test(text);
}

export type TextProblem =
  | { reason: "contains_cpr" }
  | { reason: "unknown_variable"; variable: string }
  | { reason: "unbalanced_braces" };

/**
 * What is wrong with a template text or a coordinator's text, or [] when it may be sent.
 * `variables`: those this text may use (a template key's own; default every known one); a variable
 * outside them is unknown here, because nothing would fill it in.
 */
export function checkMessageText(
  text: string,
  opts: { variables?: readonly TemplateVariable[] } = {},
): TextProblem[] {
  const problems: TextProblem[] = [];
  if (containsCprNumber(text)) problems.push({ reason: "contains_cpr" });
  const allowed: ReadonlySet<string> = opts.variables ? new Set(opts.variables) : KNOWN;
  const unknown = new Set<string>();
  for (const m of text.matchAll(TOKEN)) {
    const name = m[1]!.trim();
    if (!allowed.has(name)) unknown.add(name);
  }
  for (const variable of unknown) problems.push({ reason: "unknown_variable", variable });
  // Whatever is left after the {…} tokens must hold no brace: "{fornavn" or "tid}" is a typing error.
  if (/[{}]/.test(text.replace(TOKEN, ""))) problems.push({ reason: "unbalanced_braces" });
  return problems;
}

/** The variables a text uses (known ones only), in order of first use. */
export function variablesIn(text: string): TemplateVariable[] {
  const out: TemplateVariable[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const name = m[1]!.trim();
    if (KNOWN.has(name) && !out.includes(name as TemplateVariable)) out.push(name as TemplateVariable);
  }
  return out;
}

/**
 * Fills the variables. A variable without a value becomes "–", so a text never reaches a citizen
 * with braces in it; a text the guard refuses is never rendered (callers check first). Values are
 * inserted as they are: a value holding "{…}" is not expanded again.
 */
export function renderTemplate(text: string, values: TemplateValues): string {
  return text.replace(TOKEN, (whole, raw: string) => {
    const name = raw.trim();
    if (!KNOWN.has(name)) return whole;
    const value = values[name as TemplateVariable];
    return value && value.trim() !== "" ? value.trim() : "–";
  });
}
