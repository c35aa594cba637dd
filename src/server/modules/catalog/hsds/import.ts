/**
 * An HSDS 3.0 document (`{ organizations: [...], services: [...] }`, as `toHsds` writes it or
 * an HSDS API lists them) → catalog rows. Pure: no database. Each row is checked against the
 * copied HSDS schema (Ajv) and then by Broen's own rules (import-rows.ts); every invalid row and
 * every invalid field is reported, and the valid rows are returned. Ids are kept as they are, so
 * the caller upserts by id and importing the same document twice never duplicates.
 */
import type { Catalog } from "../../../../domain/matching/types.js";
import { type ImportIssue, organizationToOrganisation, RowIssues, serviceToActivity } from "./import-rows.js";
import type { HsdsOrganization, HsdsService } from "./types.js";
import { describeAjvError, hsdsValidators } from "./validator.js";

export type { ImportIssue };

export interface FromHsdsOptions {
  /** Organisations already in the catalog, which services may point at besides the document's own. */
  knownOrganisationIds?: Iterable<string>;
}

export interface HsdsImportResult {
  /** The rows without errors (warnings allowed). */
  ok: Catalog;
  errors: ImportIssue[];
  /** Defaults applied to data from other systems (e.g. no group size → large). */
  warnings: ImportIssue[];
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function listOf(
  doc: Record<string, unknown>,
  key: "organizations" | "services",
  errors: ImportIssue[],
): unknown[] {
  const v = doc[key];
  if (v === undefined) return [];
  if (Array.isArray(v)) return v;
  errors.push({ entity: "document", index: -1, field: `/${key}`, code: "type", message: "must be an array" });
  return [];
}

export function fromHsds(json: unknown, options: FromHsdsOptions = {}): HsdsImportResult {
  const result: HsdsImportResult = { ok: { organisations: [], activities: [] }, errors: [], warnings: [] };
  if (!isObject(json)) {
    result.errors.push({
      entity: "document",
      index: -1,
      field: "/",
      code: "type",
      message: "must be an object with organizations and services",
    });
    return result;
  }
  const validators = hsdsValidators();
  const organizations = listOf(json, "organizations", result.errors);
  const services = listOf(json, "services", result.errors);

  // Every id the document's services may point at: its organizations (valid or not, so a bad
  // organization is reported once, on itself) and the catalog's.
  const knownOrganisations = new Set(options.knownOrganisationIds ?? []);
  for (const o of organizations) if (isObject(o) && typeof o.id === "string") knownOrganisations.add(o.id);

  const seen = { organization: new Set<string>(), service: new Set<string>() };
  const check = (entity: "organization" | "service", row: unknown, index: number): RowIssues => {
    const issues = new RowIssues(entity, index);
    const validate = validators[entity];
    if (!validate(row)) {
      for (const e of validate.errors ?? []) {
        const { field, message } = describeAjvError(e);
        issues.error(field, e.keyword, message);
      }
    } else {
      const id = (row as { id: string }).id;
      if (seen[entity].has(id))
        issues.error("/id", "duplicate_id", "the same id appears earlier in the document");
      seen[entity].add(id);
    }
    return issues;
  };
  const collect = (issues: RowIssues) => {
    result.errors.push(...issues.errors);
    result.warnings.push(...issues.warnings);
    return issues.errors.length === 0;
  };

  organizations.forEach((row, i) => {
    const issues = check("organization", row, i);
    if (issues.errors.length > 0) return void collect(issues);
    const org = organizationToOrganisation(row as HsdsOrganization, issues);
    if (collect(issues)) result.ok.organisations.push(org);
  });
  services.forEach((row, i) => {
    const issues = check("service", row, i);
    if (issues.errors.length > 0) return void collect(issues);
    const activity = serviceToActivity(row as HsdsService, knownOrganisations, issues);
    if (collect(issues)) result.ok.activities.push(activity);
  });
  return result;
}
