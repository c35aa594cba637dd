/**
 * KL Gateway's profile rules as code (issue 14, decision 0097): what hl7dk/kl-gateway-care-data's
 * FSH (input/fsh/*.fsh, 1.0.1) requires, forbids (`..0`), fixes and binds, for the profiles Broen
 * produces — CareCitizen, CareCondition, CarePlannedIntervention, CareCompletedIntervention,
 * CareEncounter, CareFollowUpObservation, CareCitizensOwnObservation and the CareDeliveryReport
 * (entry types, references within the bundle, one citizen per report).
 *
 * The FSH is not compiled here: SUSHI needs the dk-core and KL common-terminology packages, which
 * are not available offline, and KL's value sets (FSIIICareInterventions, KLConditionCodesHomeCare …)
 * are expansions of those packages. Bindings are therefore checked by system and by FSIII's code
 * shape (conditions I/J, interventions G/H, severities B1–B6, follow-up E1–E4, own view C/D), and
 * the codes Broen itself writes are checked against the repository's FSIII extract.
 *
 * Pure: takes any JSON value, returns issues with a FHIRPath-like path. Never throws.
 */
import { fsiiiDisplay } from "../../fsiii/fsiii.js";
import {
  CONDITION_CATEGORY_SYSTEM,
  CONDITION_CLINICAL_SYSTEM,
  CONDITION_VERIFICATION_SYSTEM,
  CPR_SYSTEM,
  FSIII_FHIR_SYSTEM,
  KL_COMMON_CODES_SYSTEM,
  KL_FOLLOW_UP_ENCOUNTER_TYPE,
  KL_PROFILES,
  LOCAL_INTERVENTIONS_SYSTEM,
  SNOMED_FOLLOW_UP,
  SNOMED_SYSTEM,
  SOR_SYSTEM,
  V3_ACT_CODE_SYSTEM,
} from "./codes.js";

export interface FhirIssue {
  severity: "error" | "warning";
  /** FHIRPath-like: `Bundle.entry[2].resource.subject`. */
  path: string;
  message: string;
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

class Issues {
  readonly list: FhirIssue[] = [];
  error(path: string, message: string): void {
    this.list.push({ severity: "error", path, message });
  }
  warning(path: string, message: string): void {
    this.list.push({ severity: "warning", path, message });
  }
  /** Elements the profile sets to `..0`; a `[x]` suffix stands for every choice type. */
  forbid(o: Json, path: string, fields: readonly string[]): void {
    for (const f of fields) {
      const keys = f.endsWith("[x]")
        ? Object.keys(o).filter((k) => k.startsWith(f.slice(0, -3)) && /^[A-Z]/.test(k.slice(f.length - 3)))
        : [f];
      for (const k of keys)
        if (o[k] !== undefined) this.error(`${path}.${k}`, `${k} is not allowed by the profile (..0)`);
    }
  }
  require(o: Json, path: string, field: string): unknown {
    const v = o[field];
    if (v === undefined || v === null || (Array.isArray(v) && v.length === 0)) {
      this.error(`${path}.${field}`, `${field} is required by the profile`);
      return undefined;
    }
    return v;
  }
  /** A CodeableConcept with exactly one coding; returns it. */
  oneCoding(cc: unknown, path: string, opts: { bare?: boolean } = {}): Json | undefined {
    if (!isObj(cc)) {
      this.error(path, "a CodeableConcept is required");
      return undefined;
    }
    const codings = arr(cc.coding);
    if (codings.length !== 1 || !isObj(codings[0])) {
      this.error(`${path}.coding`, `exactly one coding is required (found ${codings.length})`);
      return undefined;
    }
    const coding = codings[0];
    if (opts.bare) {
      this.forbid(cc, path, ["text"]);
      this.forbid(coding, `${path}.coding[0]`, ["version", "display", "userSelected"]);
    }
    return coding;
  }
  system(coding: Json, path: string, system: string): boolean {
    if (coding.system !== system) {
      this.error(`${path}.system`, `the code system must be ${system}`);
      return false;
    }
    return true;
  }
  /** A reference to a resource of one of `types` ("Type/id", or a urn inside a bundle). */
  reference(v: unknown, path: string, types: readonly string[]): void {
    if (!isObj(v) || typeof v.reference !== "string") {
      this.error(path, `a reference to ${types.join(" or ")} is required`);
      return;
    }
    const type = v.reference.split("/").at(-2);
    if (!v.reference.startsWith("urn:") && (!type || !types.includes(type))) {
      this.error(
        `${path}.reference`,
        `must reference ${types.join(" or ")} (found ${v.reference.split("/")[0] ?? ""})`,
      );
    }
  }
}

const SEVERITY = /^B[1-6]$/;
const CONDITION_CODE = /^[IJ]\d+(\.\d+)*$/;
const HOME_CARE_CONDITION = /^J/;
const INTERVENTION_LEVEL2 = /^[GH]\d/;
const FOLLOW_UP_RESULT = /^E[1-4]$/;
/** dk-core-cpr-identifier: DDMMYY + 4 digits. */
const CPR = /^(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])\d{6}$/;
const SOR = /^\d{1,18}$/;

/** An FSIII code Broen's extract holds must carry KL's own display when it has one. */
function fsiiiKnown(is: Issues, coding: Json, path: string): void {
  const code = typeof coding.code === "string" ? coding.code : "";
  const display = fsiiiDisplay(code);
  if (display !== undefined && coding.display !== undefined && coding.display !== display) {
    is.error(`${path}.display`, `FSIII ${code} is "${display}" in KL's CodeSystem`);
  }
}

function subjectCitizen(is: Issues, r: Json, path: string): void {
  const s = is.require(r, path, "subject");
  if (s !== undefined) is.reference(s, `${path}.subject`, ["Patient"]);
}

function followUpExtension(is: Issues, r: Json, path: string): void {
  arr(r.extension).forEach((e, i) => {
    if (!isObj(e) || e.url !== KL_PROFILES.followUpEncounterExtension) return;
    is.reference(e.valueReference, `${path}.extension[${i}].valueReference`, ["Encounter"]);
  });
}

/** CarePlannedIntervention / CareCompletedIntervention: the code sliced by system, closed. */
function interventionCode(is: Issues, cc: unknown, path: string): void {
  if (!isObj(cc)) {
    is.error(path, "code is required by the profile");
    return;
  }
  const codings = arr(cc.coding);
  let level2 = 0;
  let level3 = 0;
  codings.forEach((c, i) => {
    const p = `${path}.coding[${i}]`;
    if (!isObj(c)) return is.error(p, "a coding is required");
    if (c.system === FSIII_FHIR_SYSTEM) {
      level2++;
      if (typeof c.code !== "string" || !INTERVENTION_LEVEL2.test(c.code)) {
        is.error(`${p}.code`, "level 2 must be an FSIII intervention (FSIIICareInterventions: G or H codes)");
      } else fsiiiKnown(is, c, p);
    } else if (c.system === LOCAL_INTERVENTIONS_SYSTEM) {
      level3++;
      if (typeof c.code !== "string" || c.code === "")
        is.error(`${p}.code`, "a locally defined level 3 needs a code");
      if (typeof c.display !== "string" || c.display === "")
        is.error(`${p}.display`, "a locally defined level 3 needs a display");
    } else {
      is.error(
        `${p}.system`,
        `the coding slices are closed: only ${FSIII_FHIR_SYSTEM} (level 2) and ${LOCAL_INTERVENTIONS_SYSTEM} (level 3)`,
      );
    }
  });
  if (level2 !== 1)
    is.error(`${path}.coding`, `exactly one FSIII level 2 coding is required (found ${level2})`);
  if (level3 > 1) is.error(`${path}.coding`, `at most one locally defined level 3 coding (found ${level3})`);
}

function citizen(is: Issues, r: Json, path: string): void {
  is.forbid(r, path, [
    "active",
    "name",
    "telecom",
    "gender",
    "birthDate",
    "deceased[x]",
    "address",
    "maritalStatus",
    "multipleBirth[x]",
    "photo",
    "contact",
    "communication",
    "generalPractitioner",
    "link",
  ]);
  const ids = arr(r.identifier);
  if (ids.length !== 1)
    is.error(
      `${path}.identifier`,
      `exactly one identifier (the CPR number) is required (found ${ids.length})`,
    );
  const id = ids[0];
  if (isObj(id)) {
    if (id.system !== CPR_SYSTEM)
      is.error(`${path}.identifier[0].system`, `the identifier must be a CPR number (${CPR_SYSTEM})`);
    else if (typeof id.value !== "string" || !CPR.test(id.value))
      is.error(`${path}.identifier[0].value`, "a CPR number is ten digits, DDMMYYSSSS");
  }
  const org = is.require(r, path, "managingOrganization");
  if (isObj(org)) {
    const p = `${path}.managingOrganization`;
    is.forbid(org, p, ["reference", "type", "display"]);
    const oid = is.require(org, p, "identifier");
    if (isObj(oid)) {
      if (oid.system !== SOR_SYSTEM)
        is.error(`${p}.identifier.system`, `the provider must be named by its SOR code (${SOR_SYSTEM})`);
      if (typeof oid.value !== "string" || !SOR.test(oid.value))
        is.error(`${p}.identifier.value`, "a SOR code (digits) is required");
    }
  }
}

function condition(is: Issues, r: Json, path: string): void {
  is.forbid(r, path, [
    "identifier",
    "bodySite",
    "abatement[x]",
    "encounter",
    "onset[x]",
    "recorder",
    "asserter",
    "stage",
    "evidence",
    "note",
  ]);
  const clinical = is.oneCoding(is.require(r, path, "clinicalStatus"), `${path}.clinicalStatus`, {
    bare: true,
  });
  if (clinical) is.system(clinical, `${path}.clinicalStatus.coding[0]`, CONDITION_CLINICAL_SYSTEM);
  if (r.verificationStatus !== undefined) {
    const v = is.oneCoding(r.verificationStatus, `${path}.verificationStatus`, { bare: true });
    if (v) is.system(v, `${path}.verificationStatus.coding[0]`, CONDITION_VERIFICATION_SYSTEM);
  }
  const categories = arr(r.category);
  if (categories.length > 1) is.error(`${path}.category`, "at most one category");
  const active = clinical?.code === "active";
  if (categories.length === 1) {
    const c = is.oneCoding(categories[0], `${path}.category[0]`, { bare: true });
    if (c && (c.system !== CONDITION_CATEGORY_SYSTEM || c.code !== "problem-list-item")) {
      is.error(`${path}.category[0].coding[0]`, "the category is fixed to problem-list-item");
    }
    if (clinical && !active)
      is.error(`${path}.category`, "the category is left out for an inactive condition");
  } else if (active) {
    is.error(`${path}.category`, "an active condition has the category problem-list-item");
  }
  const code = is.oneCoding(is.require(r, path, "code"), `${path}.code`);
  let homeCare = false;
  if (code && is.system(code, `${path}.code.coding[0]`, FSIII_FHIR_SYSTEM)) {
    if (typeof code.code !== "string" || !CONDITION_CODE.test(code.code)) {
      is.error(
        `${path}.code.coding[0].code`,
        "must be an FSIII condition (FSIIICareConditions: I or J codes)",
      );
    } else {
      homeCare = HOME_CARE_CONDITION.test(code.code);
      fsiiiKnown(is, code, `${path}.code.coding[0]`);
    }
  }
  if (r.severity !== undefined) {
    const s = is.oneCoding(r.severity, `${path}.severity`);
    if (s && is.system(s, `${path}.severity.coding[0]`, FSIII_FHIR_SYSTEM)) {
      if (typeof s.code !== "string" || !SEVERITY.test(s.code))
        is.error(`${path}.severity.coding[0].code`, "the severity is an FSIII B-code (B1–B6)");
      else fsiiiKnown(is, s, `${path}.severity.coding[0]`);
    }
  }
  if (code && typeof code.code === "string" && CONDITION_CODE.test(code.code)) {
    if (homeCare && r.severity === undefined)
      is.error(
        `${path}.severity`,
        "a home-care condition needs a severity (klgateway-severity-mandatory-in-home-care-not-allowed-in-nursing)",
      );
    if (!homeCare && r.severity !== undefined)
      is.error(
        `${path}.severity`,
        "a nursing condition has no severity (klgateway-severity-mandatory-in-home-care-not-allowed-in-nursing)",
      );
  }
  subjectCitizen(is, r, path);
  is.require(r, path, "recordedDate");
  followUpExtension(is, r, path);
}

function plannedIntervention(is: Issues, r: Json, path: string): void {
  is.forbid(r, path, [
    "identifier",
    "instantiatesCanonical",
    "instantiatesUri",
    "basedOn",
    "replaces",
    "partOf",
    "category",
    "title",
    "description",
    "encounter",
    "created",
    "author",
    "contributor",
    "careTeam",
    "addresses",
    "supportingInfo",
    "goal",
    "note",
  ]);
  if (r.intent !== "plan") is.error(`${path}.intent`, "the intent is fixed to plan");
  subjectCitizen(is, r, path);
  const period = is.require(r, path, "period");
  if (isObj(period)) is.require(period, `${path}.period`, "start");
  const activities = arr(r.activity);
  if (activities.length !== 1)
    is.error(`${path}.activity`, `exactly one activity is required (found ${activities.length})`);
  const a = activities[0];
  if (!isObj(a)) return;
  const ap = `${path}.activity[0]`;
  is.forbid(a, ap, ["outcomeCodeableConcept", "outcomeReference", "progress", "reference"]);
  const detail = is.require(a, ap, "detail");
  if (!isObj(detail)) return;
  const dp = `${ap}.detail`;
  is.forbid(detail, dp, [
    "kind",
    "instantiatesCanonical",
    "instantiatesUri",
    "reasonCode",
    "goal",
    "statusReason",
    "doNotPerform",
    "scheduled[x]",
    "location",
    "performer",
    "product[x]",
    "dailyAmount",
    "quantity",
    "description",
  ]);
  interventionCode(is, is.require(detail, dp, "code"), `${dp}.code`);
  arr(detail.reasonReference).forEach((x, i) =>
    is.reference(x, `${dp}.reasonReference[${i}]`, ["Condition"]),
  );
  followUpExtension(is, r, path);
}

function completedIntervention(is: Issues, r: Json, path: string): void {
  is.forbid(r, path, [
    "identifier",
    "instantiatesCanonical",
    "instantiatesUri",
    "basedOn",
    "partOf",
    "statusReason",
    "category",
    "encounter",
    "performedPeriod",
    "performedString",
    "performedAge",
    "performedRange",
    "recorder",
    "asserter",
    "performer",
    "location",
    "reasonCode",
    "bodySite",
    "outcome",
    "report",
    "complication",
    "complicationDetail",
    "followUp",
    "note",
    "focalDevice",
    "usedReference",
    "usedCode",
  ]);
  interventionCode(is, is.require(r, path, "code"), `${path}.code`);
  subjectCitizen(is, r, path);
  is.require(r, path, "performedDateTime");
  arr(r.reasonReference).forEach((x, i) => is.reference(x, `${path}.reasonReference[${i}]`, ["Condition"]));
  if (r.status !== "completed" && r.status !== "entered-in-error") {
    is.warning(`${path}.status`, "KL expects completed or entered-in-error for a completed intervention");
  }
}

function encounter(is: Issues, r: Json, path: string): void {
  is.forbid(r, path, [
    "identifier",
    "statusHistory",
    "classHistory",
    "serviceType",
    "priority",
    "episodeOfCare",
    "basedOn",
    "participant",
    "appointment",
    "length",
    "reasonCode",
    "reasonReference",
    "diagnosis",
    "account",
    "hospitalization",
    "location",
    "serviceProvider",
    "partOf",
  ]);
  const cls = is.require(r, path, "class");
  if (isObj(cls)) {
    is.forbid(cls, `${path}.class`, ["version", "display", "userSelected"]);
    if (cls.system !== V3_ACT_CODE_SYSTEM || cls.code !== "HH")
      is.error(`${path}.class`, "the class is fixed to v3-ActCode HH (home health)");
  }
  const types = arr(r.type);
  if (types.length !== 1) is.error(`${path}.type`, `exactly one type is required (found ${types.length})`);
  const t = is.oneCoding(types[0], `${path}.type[0]`, { bare: true });
  if (t && (t.system !== KL_COMMON_CODES_SYSTEM || t.code !== KL_FOLLOW_UP_ENCOUNTER_TYPE)) {
    is.error(
      `${path}.type[0].coding[0]`,
      `the type is fixed to ${KL_COMMON_CODES_SYSTEM}#${KL_FOLLOW_UP_ENCOUNTER_TYPE}`,
    );
  }
  subjectCitizen(is, r, path);
  const period = is.require(r, path, "period");
  if (isObj(period)) {
    is.require(period, `${path}.period`, "start");
    is.forbid(period, `${path}.period`, ["end"]);
  }
}

const OBSERVATION_FORBIDDEN = [
  "identifier",
  "basedOn",
  "partOf",
  "category",
  "encounter",
  "issued",
  "performer",
  "dataAbsentReason",
  "interpretation",
  "note",
  "bodySite",
  "method",
  "specimen",
  "device",
  "referenceRange",
  "hasMember",
  "derivedFrom",
  "component",
  "effectivePeriod",
  "effectiveTiming",
  "effectiveInstant",
];

function observationValue(r: Json, path: string, is: Issues): Json | undefined {
  for (const k of Object.keys(r)) {
    if (k.startsWith("value") && k !== "valueCodeableConcept")
      is.error(`${path}.${k}`, "the value is a CodeableConcept");
  }
  return is.oneCoding(is.require(r, path, "valueCodeableConcept"), `${path}.valueCodeableConcept`);
}

function followUpObservation(is: Issues, r: Json, path: string): void {
  is.forbid(r, path, OBSERVATION_FORBIDDEN);
  if (r.status !== "final" && r.status !== "entered-in-error")
    is.error(
      `${path}.status`,
      "a follow-up observation is final or entered-in-error (gateway-care-follow-up-1)",
    );
  const code = is.oneCoding(is.require(r, path, "code"), `${path}.code`);
  if (code && (code.system !== SNOMED_SYSTEM || code.code !== SNOMED_FOLLOW_UP)) {
    is.error(`${path}.code.coding[0]`, `the code is fixed to SNOMED CT ${SNOMED_FOLLOW_UP}`);
  }
  subjectCitizen(is, r, path);
  const focus = arr(r.focus);
  if (focus.length === 0) is.error(`${path}.focus`, "focus is required by the profile");
  focus.forEach((f, i) => is.reference(f, `${path}.focus[${i}]`, ["Condition", "CarePlan"]));
  is.require(r, path, "effectiveDateTime");
  const v = observationValue(r, path, is);
  if (v && is.system(v, `${path}.valueCodeableConcept.coding[0]`, FSIII_FHIR_SYSTEM)) {
    if (typeof v.code !== "string" || !FOLLOW_UP_RESULT.test(v.code))
      is.error(
        `${path}.valueCodeableConcept.coding[0].code`,
        "the result is FSIII E1–E4 (KLFollowUpCodesFSIII)",
      );
    else fsiiiKnown(is, v, `${path}.valueCodeableConcept.coding[0]`);
  }
}

function citizensOwnObservation(is: Issues, r: Json, path: string): void {
  is.forbid(r, path, OBSERVATION_FORBIDDEN);
  const code = is.oneCoding(is.require(r, path, "code"), `${path}.code`, { bare: true });
  let kind: string | undefined;
  if (code && is.system(code, `${path}.code.coding[0]`, FSIII_FHIR_SYSTEM)) {
    if (code.code !== "C" && code.code !== "D")
      is.error(`${path}.code.coding[0].code`, "the code is FSIII C (Udførelse) or D (Betydning)");
    else kind = code.code;
  }
  subjectCitizen(is, r, path);
  const focus = arr(r.focus);
  if (focus.length !== 1) is.error(`${path}.focus`, `exactly one focus is required (found ${focus.length})`);
  if (focus[0] !== undefined) is.reference(focus[0], `${path}.focus[0]`, ["Condition", "Observation"]);
  is.require(r, path, "effectiveDateTime");
  const v = observationValue(r, path, is);
  if (v) {
    const vp = `${path}.valueCodeableConcept`;
    is.forbid(v, `${vp}.coding[0]`, ["version", "display", "userSelected"]);
    if (isObj(r.valueCodeableConcept)) is.forbid(r.valueCodeableConcept, vp, ["text"]);
    const ok =
      v.system === FSIII_FHIR_SYSTEM &&
      typeof v.code === "string" &&
      kind !== undefined &&
      new RegExp(`^${kind}\\d$`).test(v.code);
    if (!ok)
      is.error(
        `${vp}.coding[0]`,
        "the value must match the code (C → C1–C4, D → D1–D2; klgateway-citizen-observation-code-and-value-must-match)",
      );
  }
}

const RULES: Readonly<Record<string, { type: string; check: (is: Issues, r: Json, path: string) => void }>> =
  {
    [KL_PROFILES.citizen]: { type: "Patient", check: citizen },
    [KL_PROFILES.condition]: { type: "Condition", check: condition },
    [KL_PROFILES.plannedIntervention]: { type: "CarePlan", check: plannedIntervention },
    [KL_PROFILES.completedIntervention]: { type: "Procedure", check: completedIntervention },
    [KL_PROFILES.encounter]: { type: "Encounter", check: encounter },
    [KL_PROFILES.followUpObservation]: { type: "Observation", check: followUpObservation },
    [KL_PROFILES.citizensOwnObservation]: { type: "Observation", check: citizensOwnObservation },
    [KL_PROFILES.deliveryReport]: { type: "Bundle", check: deliveryReport },
  };

/** The profile a resource of this type must meet inside a delivery report (Observation: by its claim). */
const REPORT_PROFILE_OF_TYPE: Readonly<Record<string, string>> = {
  Patient: KL_PROFILES.citizen,
  Condition: KL_PROFILES.condition,
  CarePlan: KL_PROFILES.plannedIntervention,
  Procedure: KL_PROFILES.completedIntervention,
  Encounter: KL_PROFILES.encounter,
};
const KL_OBSERVATION_PROFILES = [
  KL_PROFILES.followUpObservation,
  KL_PROFILES.citizensOwnObservation,
  KL_PROFILES.matterOfInterestObservation,
];

function profilesOf(r: Json): string[] {
  return isObj(r.meta) ? arr(r.meta.profile).filter((p): p is string => typeof p === "string") : [];
}

function deliveryReport(is: Issues, r: Json, path: string): void {
  is.forbid(r, path, ["identifier", "total", "link", "signature"]);
  if (r.type !== "collection") is.error(`${path}.type`, "a delivery report is a collection");
  is.require(r, path, "timestamp");
  const entries = arr(r.entry);
  const fullUrls = new Map<string, Set<string>>();
  const patients: string[] = [];
  entries.forEach((e, i) => {
    const ep = `${path}.entry[${i}]`;
    if (!isObj(e)) return is.error(ep, "an entry is an object");
    is.forbid(e, ep, ["search", "request", "response"]);
    const res = e.resource;
    if (!isObj(res)) return is.error(`${ep}.resource`, "every entry holds a resource");
    const type = typeof res.resourceType === "string" ? res.resourceType : "";
    const rp = `${ep}.resource`;
    if (typeof e.fullUrl !== "string") is.error(`${ep}.fullUrl`, "every entry has a fullUrl");
    else {
      const versions = fullUrls.get(e.fullUrl) ?? new Set<string>();
      const versionId = isObj(res.meta) && typeof res.meta.versionId === "string" ? res.meta.versionId : "";
      if (versions.has(versionId))
        is.error(`${ep}.fullUrl`, "a fullUrl appears twice with the same meta.versionId (bdl-7)");
      versions.add(versionId);
      fullUrls.set(e.fullUrl, versions);
      if (
        !e.fullUrl.startsWith("urn:") &&
        e.fullUrl !== `${type}/${String(res.id)}` &&
        !e.fullUrl.endsWith(`/${type}/${String(res.id)}`)
      ) {
        is.error(`${ep}.fullUrl`, "the fullUrl must name the entry's resource (<Type>/<id>)");
      }
    }
    if (type === "Patient") patients.push(typeof e.fullUrl === "string" ? e.fullUrl : "");
    if (type === "Observation") {
      const claimed = profilesOf(res).filter((p) => KL_OBSERVATION_PROFILES.includes(p));
      if (claimed.length === 0)
        is.error(
          `${rp}.meta.profile`,
          "an observation in a delivery report conforms to a KL observation profile (gateway-care-report-1)",
        );
      return;
    }
    if (type === "Goal") return; // KL's CareGoal: Broen produces none; not checked further here
    const profile = REPORT_PROFILE_OF_TYPE[type];
    if (!profile)
      return is.error(
        `${rp}.resourceType`,
        `${type || "(none)"} is not a resource type of a delivery report`,
      );
    // The entry must conform to its KL profile whether or not it claims it.
    if (!profilesOf(res).includes(profile)) RULES[profile]?.check(is, res, rp);
  });
  if (patients.length !== 1)
    is.error(`${path}.entry`, `a delivery report holds exactly one citizen (found ${patients.length})`);
  // References within the bundle (the profiles aggregate them as "bundled").
  entries.forEach((e, i) => {
    if (!isObj(e) || !isObj(e.resource)) return;
    for (const { path: rp, reference } of referencesIn(e.resource, `${path}.entry[${i}].resource`)) {
      if (!fullUrls.has(reference))
        is.error(
          rp,
          `the reference ${reference.split("/")[0] ?? ""}/… does not resolve within the delivery report`,
        );
    }
  });
  if (patients.length === 1) {
    const patient = patients[0] as string;
    entries.forEach((e, i) => {
      if (!isObj(e) || !isObj(e.resource) || !isObj(e.resource.subject)) return;
      if (e.resource.subject.reference !== patient)
        is.error(`${path}.entry[${i}].resource.subject`, "every resource is about the report's citizen");
    });
  }
}

function referencesIn(value: unknown, path: string): { path: string; reference: string }[] {
  const out: { path: string; reference: string }[] = [];
  const walk = (v: unknown, p: string): void => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${p}[${i}]`));
    else if (isObj(v)) {
      if (typeof v.reference === "string" && !v.reference.startsWith("#"))
        out.push({ path: `${p}.reference`, reference: v.reference });
      for (const [k, x] of Object.entries(v))
        if (k !== "reference" && typeof x === "object") walk(x, `${p}.${k}`);
    }
  };
  walk(value, path);
  return out;
}

/**
 * The KL Gateway rules of every KL profile the resource claims in meta.profile (a Bundle claiming
 * the delivery report: also each entry by its type). A resource claiming no KL profile gives [].
 */
export function klProfileIssues(resource: unknown): FhirIssue[] {
  const is = new Issues();
  if (!isObj(resource)) return is.list;
  const type = typeof resource.resourceType === "string" ? resource.resourceType : "";
  const check = (r: Json, path: string): void => {
    for (const p of profilesOf(r)) {
      const rule = RULES[p];
      if (!rule) continue;
      if (r.resourceType !== rule.type) {
        is.error(
          `${path}.meta.profile`,
          `${p} is a profile of ${rule.type}, not of ${String(r.resourceType)}`,
        );
        continue;
      }
      rule.check(is, r, path);
    }
  };
  check(resource, type);
  if (type === "Bundle") {
    arr(resource.entry).forEach((e, i) => {
      if (isObj(e) && isObj(e.resource)) check(e.resource, `Bundle.entry[${i}].resource`);
    });
  }
  return is.list;
}

/** Whether the resource names a KL Gateway profile Broen checks. */
export function claimsKlProfile(resource: unknown): boolean {
  return isObj(resource) && profilesOf(resource).some((p) => p in RULES);
}
