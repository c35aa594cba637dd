/**
 * The FSIII (Fælles Sprog III) codes Broen records, taken from KL's CodeSystem rather than typed
 * in by hand, so a display shown to staff or written to an export is KL's own wording
 * (extract and provenance: fsiii-codes.json, README.md). Seed 000: loneliness is documented on
 * the home-care condition "Følelsesfunktioner"; the course closes with an FSIII follow-up result.
 * Pure: the extract is read once at module load, and a missing code fails there, not in a report.
 */
import { type CitizenView, FOLLOW_UP_RESULTS, type FollowUpResult, SEVERITIES, type Severity } from "../course/vocabulary.js";
import extract from "./fsiii-codes.json" with { type: "json" };

export interface FsiiiConcept {
  readonly code: string;
  readonly display: string;
  readonly definition: string;
}

interface ExtractConcept {
  code: string;
  display: string;
  definition: string;
  concept?: ExtractConcept[];
}

/** The CodeSystem's canonical url (KL's OID) and version, for a FHIR Coding's system/version. */
export const FSIII_SYSTEM: string = extract.url;
export const FSIII_VERSION: string = extract.version;

function find(code: string, concepts: readonly ExtractConcept[] = extract.concept): FsiiiConcept | undefined {
  for (const c of concepts) {
    if (c.code === code) return Object.freeze({ code: c.code, display: c.display, definition: c.definition });
    const below = c.concept ? find(code, c.concept) : undefined;
    if (below) return below;
  }
  return undefined;
}

function concept(code: string): FsiiiConcept {
  const found = find(code);
  if (!found) throw new Error(`fsiii-codes.json has no FSIII concept ${code}`);
  return found;
}

/** The condition (tilstand) under J4 "Mentale funktioner" where loneliness is documented. */
export const FOLELSESFUNKTIONER: { readonly code: "J4.5"; readonly display: string; readonly definition: string } = Object.freeze({
  ...concept("J4.5"),
  code: "J4.5",
});

export const SEVERITY_CODE_LIST = ["B1", "B2", "B3", "B4", "B5", "B6"] as const;
export type SeverityCode = (typeof SEVERITY_CODE_LIST)[number];

export interface SeverityConcept extends FsiiiConcept {
  readonly code: SeverityCode;
  readonly severity: Severity;
  /** The first sentence of KL's definition without its full stop ("Lette begrænsninger"). */
  readonly label: string;
}

// KL's display of a B-code is the severity itself ("0" … "4", "9"), so the mapping is read from
// the extract instead of being a second, hand-kept table that could disagree with it.
function severityConcepts(): Readonly<Record<Severity, SeverityConcept>> {
  const bySeverity = new Map<Severity, SeverityConcept>();
  for (const code of SEVERITY_CODE_LIST) {
    const c = concept(code);
    const severity = SEVERITIES.find((s) => String(s) === c.display);
    if (severity === undefined) throw new Error(`FSIII ${code} has display "${c.display}", which is not a severity Broen knows`);
    const label = (c.definition.split("\n")[0] ?? c.definition).replace(/\.$/, "");
    bySeverity.set(severity, Object.freeze({ ...c, code, severity, label }));
  }
  return Object.freeze(
    Object.fromEntries(
      SEVERITIES.map((s) => {
        const c = bySeverity.get(s);
        if (!c) throw new Error(`No FSIII B-code has the severity ${s}`);
        return [s, c];
      }),
    ) as Record<Severity, SeverityConcept>,
  );
}

/** "Funktionsevne skalering": 0 → B1 … 4 → B5, 9 (ikke relevant) → B6. */
export const SEVERITY_CODES: Readonly<Record<Severity, SeverityConcept>> = severityConcepts();

export function severityCode(severity: Severity): SeverityCode {
  return SEVERITY_CODES[severity].code;
}

/** The severity a stored or imported B-code stands for; undefined for anything else. */
export function severityOfCode(code: string): Severity | undefined {
  return SEVERITIES.find((s) => SEVERITY_CODES[s].code === code);
}

/** "Betydning", the citizen's own view: D1 experiences no limitations, D2 experiences limitations. */
export const CITIZEN_VIEW_CODES: Readonly<Record<CitizenView, FsiiiConcept>> = Object.freeze({
  D1: concept("D1"),
  D2: concept("D2"),
});

/** "Resultat af opfølgning": E1 fortsættes, E2 ændres inden for rammen, E3 afsluttes, E4 revisitation. */
export const FOLLOW_UP_RESULT_CODES: Readonly<Record<FollowUpResult, FsiiiConcept>> = Object.freeze(
  Object.fromEntries(FOLLOW_UP_RESULTS.map((code) => [code, concept(code)])) as Record<FollowUpResult, FsiiiConcept>,
);

export function followUpResultDisplay(code: FollowUpResult): string {
  return FOLLOW_UP_RESULT_CODES[code].display;
}

/**
 * The FSIII intervention (level 2) under which Broen delivers the punch-card work to the care
 * record: H7.1 "Generel 0-ydelse" under H7 "0-ydelser" — a municipal offer for a period, e.g. a
 * project or pool-funded work (KL's definition). Each activity carries a locally defined level-3
 * code beneath it (src/domain/care-record/fhir/codes.ts; decision 0097).
 */
export const GENERAL_ZERO_SERVICE: { readonly code: "H7.1"; readonly display: string; readonly definition: string } = Object.freeze({
  ...concept("H7.1"),
  code: "H7.1",
});

/** KL's display of any FSIII code in the extract; undefined for a code the extract does not hold. */
export function fsiiiDisplay(code: string): string | undefined {
  return find(code)?.display;
}

/** Where an FSIII intervention belongs: H Kommunale pleje- og omsorgsindsatser, G Kommunale sygeplejeindsatser. */
export type InterventionArea = "home_care" | "nursing";

const INTERVENTION_AREAS: readonly [string, InterventionArea][] = [
  ["H", "home_care"],
  ["G", "nursing"],
];

/**
 * An FSIII intervention — a concept below H or G, the codes of KL Gateway's FSIIICareInterventions
 * (the care-record import checks a CarePlan's code with it, issue 14) — or undefined.
 */
export function fsiiiIntervention(code: string): (FsiiiConcept & { area: InterventionArea }) | undefined {
  for (const [root, area] of INTERVENTION_AREAS) {
    const below = extract.concept.find((c) => c.code === root)?.concept;
    const found = below ? find(code, below) : undefined;
    if (found) return { ...found, area };
  }
  return undefined;
}
