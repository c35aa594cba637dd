/** The register: listing, sorting, searching and filtering, and who sees which citizens. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CitizenKey, type TestCitizen, insertCitizen } from "../../../../test/support/factories.js";
import {
  type Response,
  type TestApp,
  buildTestApp,
  errorFields,
  errorOf,
} from "../../../../test/support/test-app.js";
import type { CitizenDetail, CitizenPage } from "../../../shared/api/citizens.js";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

const page = (res: Response) => {
  expect(res.statusCode).toBe(200);
  return res.json() as CitizenPage;
};
const ids = (res: Response) => page(res).items.map((c) => c.id);
const idsOf = (...keys: CitizenKey[]) => keys.map((k) => t.tenant.citizens[k].id);
/** The register's search: the query's fields sent as POST /citizens/search's body (terms never in a URL). */
const list = async (query: string, actor: Parameters<TestApp["as"]>[0] = "community_coordinator") =>
  (await t.as(actor)).post(
    "/api/citizens/search",
    Object.fromEntries(new URLSearchParams(`pageSize=100&${query}`)),
  );

/** Danish order of the tenant's citizens by last name: Æ, Ø, Å after Z, and Aagaard as Å. */
const DANISH_ORDER = [
  "Andersen",
  "Bech",
  "Holm",
  "Kær",
  "Møller",
  "Nielsen",
  "Zacho",
  "Ærbøl",
  "Østergaard",
  "Aagaard",
];

describe("listing", () => {
  it("sorts by last name in Danish alphabetical order", async () => {
    expect(page(await list("sort=name")).items.map((c) => c.lastName)).toEqual(DANISH_ORDER);
  });

  it("sorts by name descending with sort=-name", async () => {
    expect(page(await list("sort=-name")).items.map((c) => c.lastName)).toEqual([...DANISH_ORDER].reverse());
  });

  it("sorts by address", async () => {
    const addresses = page(await list("sort=address")).items.map((c) => c.address.split(",")[0]);
    expect(addresses).toEqual([
      "Bakkedraget 9",
      "Engvej 5",
      "Fjordvej 1",
      "Havnegade 22",
      "Kirkestien 3",
      "Lærkevej 14",
      "Mosevej 7",
      "Rosenhaven 2",
      "Skovbrynet 12",
      "Stationsvej 30",
    ]);
  });

  it("pages through the list without overlap and reports the total", async () => {
    const coordinator = await t.as("community_coordinator");
    const pages = await Promise.all(
      [1, 2, 3].map((p) => coordinator.get(`/api/citizens?sort=name&pageSize=4&page=${p}`)),
    );
    const bodies = pages.map(page);
    expect(bodies.map((b) => [b.total, b.page, b.pageSize])).toEqual([
      [10, 1, 4],
      [10, 2, 4],
      [10, 3, 4],
    ]);
    expect(bodies.map((b) => b.items.length)).toEqual([4, 4, 2]);
    expect(bodies.flatMap((b) => b.items.map((c) => c.lastName))).toEqual(DANISH_ORDER);
  });

  it("defaults to page 1 of 25 sorted by name", async () => {
    const body = page(await (await t.as("planner")).get("/api/citizens"));
    expect([body.page, body.pageSize, body.items[0]?.lastName]).toEqual([1, 25, "Andersen"]);
  });

  it("refuses a page size above 100, naming the parameter", async () => {
    const res = await (await t.as("planner")).get("/api/citizens?pageSize=101");
    expect(res.statusCode).toBe(400);
    expect(errorFields(res)).toEqual(["pageSize"]);
  });

  it("shows only the caller's municipality", async () => {
    const found = ids(await list(""));
    expect(found).toHaveLength(10);
    for (const c of Object.values(t.other.citizens)) expect(found).not.toContain(c.id);
  });

  it("masks the CPR number of every citizen in the list", async () => {
    const res = await list("");
    for (const c of page(res).items) expect(c.cprMasked).toMatch(/^\d{6}-XXXX$/);
    for (const c of Object.values(t.tenant.citizens)) {
      expect(res.body).not.toContain(c.cpr);
      expect(res.body).not.toContain(c.cpr.replace("-", ""));
    }
  });
});

describe("searching", () => {
  it("finds a citizen by name, ignoring case", async () => {
    expect(ids(await list("q=%C3%98STERGAARD"))).toEqual(idsOf("oestergaard"));
  });

  it("matches every word of the query, first and last name in any order", async () => {
    expect(ids(await list(`q=${encodeURIComponent("østergaard ole")}`))).toEqual(idsOf("oestergaard"));
    expect(ids(await list(`q=${encodeURIComponent("ole andersen")}`))).toEqual([]);
  });

  it("finds a citizen by address", async () => {
    expect(ids(await list(`q=${encodeURIComponent("havnegade 22")}`))).toEqual(idsOf("oestergaard"));
  });

  it("finds a citizen by the full CPR number, with or without the hyphen", async () => {
    const { cpr } = t.tenant.citizens.bech;
    expect(ids(await list(`q=${cpr}`))).toEqual(idsOf("bech"));
    expect(ids(await list(`q=${cpr.replace("-", "")}`))).toEqual(idsOf("bech"));
  });

  it("finds a citizen by the last four digits of the CPR number", async () => {
    expect(ids(await list(`q=${t.tenant.citizens.zacho.cpr.slice(-4)}`))).toContain(
      t.tenant.citizens.zacho.id,
    );
  });

  it("finds nobody by a CPR number of another municipality's citizen", async () => {
    expect(ids(await list(`q=${t.other.citizens.bech.cpr}`))).toEqual([]);
  });

  it("treats % and _ literally rather than as wildcards", async () => {
    expect(ids(await list("q=%25"))).toEqual([]);
    expect(ids(await list("q=_"))).toEqual([]);
  });

  it("reports the total of every match, not of the page, and keeps it on a page past the last", async () => {
    // Fjordvej, Mosevej, Engvej, Lærkevej, Stationsvej: five addresses with "vej".
    const first = page(await list("q=vej&pageSize=2&page=1"));
    expect([first.total, first.items.length]).toEqual([5, 2]);
    const past = page(await list("q=vej&pageSize=2&page=4"));
    expect([past.total, past.items]).toEqual([5, []]);
  });

  it("filters by provider", async () => {
    expect(ids(await list(`sort=name&providerId=${t.tenant.orgs.privateProviderA.id}`))).toEqual(
      idsOf("holm", "moeller"),
    );
  });

  it("filters by district", async () => {
    expect(ids(await list(`sort=name&districtId=${t.tenant.districts.south.id}`))).toEqual(
      idsOf("bech", "moeller", "aerboel", "aagaard"),
    );
  });

  it("combines a search with a filter", async () => {
    expect(ids(await list(`q=vej&sort=name&districtId=${t.tenant.districts.north.id}`))).toEqual(
      idsOf("andersen"),
    );
  });
});

describe("one citizen", () => {
  it("shows the detail with contacts, version and a masked CPR", async () => {
    const c = t.tenant.citizens.andersen;
    const res = await (await t.as("home_care_worker")).get(`/api/citizens/${c.id}`);
    expect(res.statusCode).toBe(200);
    const body = res.json() as CitizenDetail;
    expect(body).toMatchObject({
      id: c.id,
      firstName: "Anders",
      lastName: "Andersen",
      cprMasked: `${c.cpr.slice(0, 6)}-XXXX`,
      addressLine: "Fjordvej 1",
      provider: { id: t.tenant.orgs.publicProvider.id, name: "Hjemmeplejen" },
      district: { id: t.tenant.districts.north.id, name: "Distrikt Nord" },
      version: 1,
    });
    expect(body.contacts).toEqual([
      expect.objectContaining({ id: t.tenant.contactId, kind: "relative", name: "Lise Andersen" }),
    ]);
    expect(res.body).not.toContain(c.cpr);
  });

  it("is 404 for a citizen of another municipality, even to an administrator", async () => {
    const res = await (await t.as("administrator")).get(`/api/citizens/${t.other.citizens.andersen.id}`);
    expect(res.statusCode).toBe(404);
    expect(errorOf(res).code).toBe("citizen_not_found");
  });

  it("is 404 for an id that does not exist and 400 for one that is not an id", async () => {
    const planner = await t.as("planner");
    expect((await planner.get("/api/citizens/00000000-0000-4000-8000-000000000000")).statusCode).toBe(404);
    const bad = await planner.get("/api/citizens/not-an-id");
    expect(bad.statusCode).toBe(400);
    expect(errorFields(bad)).toEqual(["id"]);
  });
});

describe("a private provider's staff", () => {
  const own = (): TestCitizen[] => [t.tenant.citizens.holm, t.tenant.citizens.moeller];

  it("see only their provider's citizens in the list", async () => {
    expect(ids(await list("sort=name", "private_worker"))).toEqual(own().map((c) => c.id));
  });

  it("cannot widen the list with another provider's filter", async () => {
    expect(ids(await list(`providerId=${t.tenant.orgs.publicProvider.id}`, "private_worker"))).toEqual([]);
  });

  it("find nobody else by name, address or CPR", async () => {
    const andersen = t.tenant.citizens.andersen;
    for (const q of ["andersen", "fjordvej", andersen.cpr, andersen.cpr.slice(-4)]) {
      const found = ids(await list(`q=${encodeURIComponent(q)}`, "private_worker"));
      expect(found).not.toContain(andersen.id);
    }
  });

  it("open their own citizen", async () => {
    expect(
      (await (await t.as("private_worker")).get(`/api/citizens/${t.tenant.citizens.holm.id}`)).statusCode,
    ).toBe(200);
  });

  it("get 403 for another provider's citizen inside the municipality", async () => {
    const worker = await t.as("private_worker");
    for (const c of [t.tenant.citizens.andersen, t.tenant.citizens.kaer, t.tenant.citizens.unassigned]) {
      const res = await worker.get(`/api/citizens/${c.id}`);
      expect(res.statusCode).toBe(403);
      expect(errorOf(res).code).toBe("forbidden");
    }
  });

  it("get 404 for a citizen of another municipality, even one of a provider with their id's kind", async () => {
    const res = await (await t.as("private_worker")).get(`/api/citizens/${t.other.citizens.holm.id}`);
    expect(res.statusCode).toBe(404);
  });
});

describe("roles without citizen access", () => {
  it.each(["volunteer_centre_staff", "evaluator"] as const)(
    "%s gets 403 on the list, a citizen and registering one",
    async (role) => {
      const client = await t.as(role);
      const responses = [
        await client.get("/api/citizens"),
        await client.post("/api/citizens/search", { q: t.tenant.citizens.bech.cpr }),
        await client.get(`/api/citizens/${t.tenant.citizens.andersen.id}`),
        await client.post("/api/citizens", {
          cpr: "010145-1019",
          firstName: "A",
          lastName: "B",
          addressLine: "C 1",
          postalCode: "9901",
          city: "D",
        }),
      ];
      expect(responses.map((r) => r.statusCode)).toEqual([403, 403, 403, 403]);
      for (const r of responses) expect(errorOf(r).code).toBe("forbidden");
    },
  );
});

/** Decision 0088: what "Danish-aware" means for the register's search. */
// Last in the file: its last test adds two citizens to the tenant.
describe("searching, Danish-aware", () => {
  const q = async (term: string) => ids(await list(`q=${encodeURIComponent(term)}`));

  it("treats the old spelling aa as å, both ways", async () => {
    expect(await q("ågård")).toEqual(idsOf("aagaard"));
    expect(await q("Aage")).toEqual(idsOf("aerboel"));
    expect(await q("østergård")).toEqual(idsOf("oestergaard"));
  });

  it("ignores case, also of Æ, Ø and Å", async () => {
    expect(await q("ÆRBØL")).toEqual(idsOf("aerboel"));
    expect(await q("ÅGE")).toEqual(idsOf("aerboel"));
  });

  it("keeps æ, ø and å letters of their own", async () => {
    expect(await q("ostergaard")).toEqual([]);
    expect(await q("aerbol")).toEqual([]);
  });

  it("reads the foreign forms ä and ö as æ and ø, and drops other accents", async () => {
    expect(await q("Möller")).toEqual(idsOf("moeller"));
    expect(await q("Stationsvéj")).toEqual(idsOf("unassigned"));
  });

  it("finds part of a word, in names and addresses", async () => {
    expect(await q("stergaa")).toEqual(idsOf("oestergaard"));
    expect(await q("rkevej")).toEqual(idsOf("moeller"));
  });

  it("finds Åbenrå written Aabenraa, and Aabenraa written Åbenrå", async () => {
    const [old, modern] = [
      await insertCitizen(t.db, t.tenant, {
        lastName: "Søgaard",
        addressLine: "Aabenraavej 3",
        city: "Aabenraa",
      }),
      await insertCitizen(t.db, t.tenant, { lastName: "Lind", addressLine: "Åbenråvej 4", city: "Åbenrå" }),
    ];
    expect((await q("åbenrå")).sort()).toEqual([old.id, modern.id].sort());
    expect(await q("aabenraavej 4")).toEqual([modern.id]);
  });
});
