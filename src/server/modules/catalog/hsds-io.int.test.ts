import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countRows } from "../../../../test/support/factories.js";
import { type Client, type TestApp, buildTestApp, errorOf } from "../../../../test/support/test-app.js";
import type { CatalogChange, ImportIssue, ImportReport } from "../../../shared/api/catalog.js";
import {
  auditEvents,
  catalogActivities,
  catalogChanges,
  catalogOrganisations,
} from "../../db/schema/index.js";
import { fitToTaxonomy } from "../../seed/catalog-demo.js";
import { generateDemoCatalog } from "../../seed/catalog-demo-data.js";
import { SHIPPED_INTERESTS } from "../courses/definitions/index.js";
import { toHsds } from "./hsds/export.js";
import type { HsdsDocument } from "./hsds/types.js";
import { hsdsValidators } from "./hsds/validator.js";
import { addActivity, addOrganisation } from "./test-fixtures.js";

let t: TestApp;
let coordinator: Client;
let admin: Client;

beforeAll(async () => {
  t = await buildTestApp();
  coordinator = await t.as("community_coordinator");
  admin = await t.as("administrator");
});
afterAll(() => t.close());

const exportDoc = async (client = coordinator) =>
  (await client.get("/api/catalog/export.json")).json() as HsdsDocument;
const importDoc = (mode: "all_or_nothing" | "valid_rows", data: unknown, client = coordinator) =>
  client.post("/api/catalog/import", { mode, data });
const where = (errors: ImportIssue[]) => errors.map((e) => [e.entity, e.index, e.field, e.code]);
const counts = async () => ({
  organisations: await countRows(t.db, catalogOrganisations),
  activities: await countRows(t.db, catalogActivities),
  changes: await countRows(t.db, catalogChanges),
});

describe("HSDS export", () => {
  it("downloads the municipality's catalog as HSDS 3.0 that validates against the shipped schemas, and audits the export", async () => {
    const org = await addOrganisation(coordinator, { name: "Eksportforeningen" });
    await addActivity(coordinator, org.id, { title: "Eksportstrik" });
    await addActivity(coordinator, org.id, {
      title: "Telefonven",
      place: { kind: "remote", channels: ["phone"] },
      schedule: { kind: "by_arrangement" },
      groupSize: "one_to_one",
    });
    const other = await t.as("community_coordinator", t.other);
    await addOrganisation(other, { name: "Nabokommunens forening" });

    const manager = await t.as("manager");
    const res = await manager.get("/api/catalog/export.json");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-disposition"]).toMatch(
      /^attachment; filename="katalog-hsds-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    const doc = res.json() as HsdsDocument;
    expect(doc.organizations.map((o) => o.name)).toEqual(["Eksportforeningen"]);
    expect(doc.services.map((s) => s.name)).toEqual(["Eksportstrik", "Telefonven"]);
    const { organization, service } = hsdsValidators();
    for (const o of doc.organizations)
      expect(organization(o), JSON.stringify(organization.errors)).toBe(true);
    for (const s of doc.services) expect(service(s), JSON.stringify(service.errors)).toBe(true);
    // Themes carry the taxonomy's Danish labels.
    expect(doc.services[0]!.attributes!.find((a) => a.link_type === "theme")!.taxonomy_term!.name).toBe(
      "Kreativitet og håndarbejde",
    );
    const [audited] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "catalog"), eq(auditEvents.action, "export")));
    expect(audited).toMatchObject({
      actorUserId: t.tenant.users.manager.id,
      criterion: { format: "hsds-3.0", organisations: 1, activities: 2 },
    });
  });
});

describe("HSDS import", () => {
  it("round-trips the export: importing it again changes and duplicates nothing", async () => {
    const before = await counts();
    const doc = await exportDoc();
    const res = await importDoc("all_or_nothing", doc);
    expect(res.statusCode).toBe(200);
    const report = res.json() as ImportReport;
    expect(report).toMatchObject({
      organisations: { created: 0, updated: 0, unchanged: doc.organizations.length },
      activities: { created: 0, updated: 0, unchanged: doc.services.length },
      errors: [],
    });
    expect(await counts()).toEqual(before);
  });

  it("imports a whole catalog (the 2 MB demo catalog) once, and a re-import never duplicates", async () => {
    const demo = toHsds(fitToTaxonomy(generateDemoCatalog(), SHIPPED_INTERESTS));
    const before = await counts();
    const first = await importDoc("valid_rows", demo, admin);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      organisations: { created: 140 },
      activities: { created: 250 },
      errors: [],
    });
    const again = await importDoc("valid_rows", demo, admin);
    expect(again.json()).toMatchObject({
      organisations: { created: 0, updated: 0, unchanged: 140 },
      activities: { created: 0, updated: 0, unchanged: 250 },
    });
    const after = await counts();
    expect(after.organisations - before.organisations).toBe(140);
    expect(after.activities - before.activities).toBe(250);
    // One history row per imported entry, none for the unchanged second import.
    expect(after.changes - before.changes).toBe(390);
  });

  it("updates a changed row in place and records the change as an import", async () => {
    const doc = await exportDoc();
    const service = doc.services.find((s) => s.name === "Eksportstrik")!;
    service.name = "Eksportstrik og kaffe";
    const report = (await importDoc("all_or_nothing", doc)).json() as ImportReport;
    expect(report.activities.updated).toBe(1);
    const [change] = (
      await coordinator.get(`/api/catalog/changes?entityId=${service.id}`)
    ).json() as CatalogChange[];
    expect(change).toMatchObject({
      action: "import",
      changes: { title: { from: "Eksportstrik", to: "Eksportstrik og kaffe" } },
    });
    expect(Object.keys(change!.changes)).toEqual(["title"]);
    expect((await coordinator.get(`/api/catalog/activities/${service.id}`)).json()).toMatchObject({
      title: "Eksportstrik og kaffe",
      version: 2,
    });
  });

  describe("with invalid rows", () => {
    /** A small new catalog: 2 organisations, 3 services; organisation 1 and services 0 and 2 are broken. */
    function brokenDoc() {
      const catalog = fitToTaxonomy(generateDemoCatalog(7), SHIPPED_INTERESTS);
      const orgs = catalog.organisations.slice(0, 2);
      // Services 0 and 2 belong to the good organisation, service 1 to the broken one.
      const acts = catalog.activities
        .slice(0, 3)
        .map((a, i) => ({ ...a, organisationId: orgs[i === 1 ? 1 : 0]!.id }));
      const doc = structuredClone(toHsds({ organisations: orgs, activities: acts })) as unknown as {
        organizations: Record<string, unknown>[];
        services: Record<string, unknown>[];
      };
      delete doc.organizations[1]!.name;
      doc.services[0]!.status = "open";
      (doc.services[2]!.attributes as { link_type: string; taxonomy_term: { code: string } }[]).find(
        (a) => a.link_type === "theme",
      )!.taxonomy_term.code = "astrology";
      return doc;
    }

    it("all_or_nothing: reports every invalid row with entity, index and field, and imports nothing", async () => {
      const before = await counts();
      const res = await importDoc("all_or_nothing", brokenDoc());
      expect(res.statusCode).toBe(422);
      const error = errorOf(res);
      expect(error.code).toBe("catalog_import_invalid");
      expect(where(error.details!.errors as ImportIssue[])).toEqual([
        ["organization", 1, "/name", "required"],
        ["service", 0, "/status", "enum"],
        ["service", 1, "/organization_id", "organization_invalid"],
        ["service", 2, expect.stringMatching(/^\/attributes\/\d+\/taxonomy_term\/code$/), "unknown_theme"],
      ]);
      expect(await counts()).toEqual(before);
    });

    it("valid_rows: imports the valid rows and reports the rest", async () => {
      const doc = brokenDoc();
      const before = await counts();
      const res = await importDoc("valid_rows", doc);
      expect(res.statusCode).toBe(200);
      const report = res.json() as ImportReport;
      expect(report).toMatchObject({ organisations: { created: 1 }, activities: { created: 0 } });
      expect(report.errors).toHaveLength(4);
      const after = await counts();
      expect(after.organisations - before.organisations).toBe(1);
      expect(after.activities).toBe(before.activities);
      const [stored] = await t.db
        .select()
        .from(catalogOrganisations)
        .where(eq(catalogOrganisations.id, doc.organizations[0]!.id as string));
      expect(stored).toMatchObject({
        municipalityId: t.tenant.municipality.id,
        managedByOrganisationId: null,
        active: true,
      });
    });
  });

  it("refuses, row by row, ids that belong to another municipality's catalog", async () => {
    const other = await t.as("community_coordinator", t.other);
    const foreign = await addOrganisation(other, { name: "Nabokommunens klub" });
    const foreignActivity = await addActivity(other, foreign.id, { title: "Nabokommunens strik" });
    const doc = await exportDoc(other);
    const org = doc.organizations.find((o) => o.id === foreign.id)!;
    const svc = doc.services.find((s) => s.id === foreignActivity.id)!;
    const res = await importDoc("all_or_nothing", { organizations: [org], services: [svc] });
    expect(res.statusCode).toBe(422);
    expect(where(errorOf(res).details!.errors as ImportIssue[])).toEqual([
      ["organization", 0, "/id", "id_in_use"],
      ["service", 0, "/id", "id_in_use"],
      ["service", 0, "/organization_id", "organization_invalid"],
    ]);
    expect((await other.get(`/api/catalog/organisations/${foreign.id}`)).json()).toMatchObject({
      name: "Nabokommunens klub",
      version: 1,
    });
  });

  it("refuses a document that is not HSDS", async () => {
    const res = await importDoc("valid_rows", [1, 2, 3]);
    expect(res.json()).toMatchObject({ errors: [{ entity: "document", index: -1, field: "/" }] });
  });
});
