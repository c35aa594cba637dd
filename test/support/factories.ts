/**
 * Builds a tenant straight through the database: a municipality with one organisation of every
 * kind (two private providers), two districts, one user per role plus private-provider staff, and
 * citizens with fictitious CPR numbers (valid in form, failing modulus 11, born 1926–1952 —
 * the same recognisable rule as the demo data).
 *
 * Every user shares ONE argon2 hash of TEST_PASSWORD, computed once per file, to keep tests fast.
 */
import { count } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { centuryYear, passesModulus11 } from "../../src/domain/cpr.js";
import { danishSortKey, searchText } from "../../src/domain/danish-text.js";
import type { Db, DbOrTx } from "../../src/server/db/client.js";
import { installShippedCourseDefinitions } from "../../src/server/modules/courses/course-definitions.js";
import {
  citizenContacts,
  citizens,
  districts,
  municipalities,
  organisations,
  users,
} from "../../src/server/db/schema/index.js";
import { hashPassword } from "../../src/server/platform/passwords.js";
import type { OrganisationKind, Role } from "../../src/domain/vocabulary/organisation.js";

export const TEST_PASSWORD = "test-password-2026";

let passwordHash: Promise<string> | null = null;
export function testPasswordHash(): Promise<string> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  return passwordHash;
}

// ---------------------------------------------------------------------------------------------
// Fictitious CPR numbers

let cprSequence = 0;

/**
 * The next fictitious CPR of this process: DDMMYY-SSSS with a real 1926–1952 birth date, a seventh
 * digit 0–3 (1900s) and a failing modulus-11 check, so it cannot be a real person's number.
 */
export function nextCpr(): string {
  for (;;) {
    const n = cprSequence++;
    const year = 1926 + (n % 27);
    const month = 1 + ((n * 5) % 12);
    const day = 1 + ((n * 11) % 28);
    const serial = `${n % 4}${String((n * 37) % 1000).padStart(3, "0")}`;
    const cpr = `${String(day).padStart(2, "0")}${String(month).padStart(2, "0")}${String(year % 100).padStart(2, "0")}-${serial}`;
    if (centuryYear(year % 100, Number(serial[0])) === year && !passesModulus11(cpr)) return cpr;
  }
}

// ---------------------------------------------------------------------------------------------
// Tenants

export const ORG_KEYS = [
  "publicProvider",
  "privateProviderA",
  "privateProviderB",
  "coordinatorUnit",
  "volunteerCentre",
  "administration",
] as const;
export type OrgKey = (typeof ORG_KEYS)[number];

const ORGS: Record<OrgKey, { name: string; kind: OrganisationKind }> = {
  publicProvider: { name: "Hjemmeplejen", kind: "public_provider" },
  privateProviderA: { name: "Privathjælpen", kind: "private_provider" },
  privateProviderB: { name: "Kær Pleje", kind: "private_provider" },
  coordinatorUnit: { name: "Aktivitet Fællesskab", kind: "coordinator_unit" },
  volunteerCentre: { name: "Frivilligcenter", kind: "volunteer_centre" },
  administration: { name: "Ældre og Sundhed", kind: "administration" },
};

/** One login per role, plus staff of the private providers (who see only their own citizens). */
export const ACTOR_KEYS = [
  "home_care_worker",
  "planner",
  "team_leader",
  "community_coordinator",
  "volunteer_centre_staff",
  "manager",
  "evaluator",
  "administrator",
  "private_worker",
  "private_team_leader",
] as const;
export type ActorKey = (typeof ACTOR_KEYS)[number];

const ACTORS: Record<
  ActorKey,
  { role: Role; org: OrgKey; district?: "north" | "south"; displayName: string }
> = {
  home_care_worker: {
    role: "home_care_worker",
    org: "publicProvider",
    district: "north",
    displayName: "Mette Lykke",
  },
  planner: { role: "planner", org: "publicProvider", district: "north", displayName: "Lars Winther" },
  team_leader: { role: "team_leader", org: "publicProvider", district: "north", displayName: "Susanne Brix" },
  community_coordinator: {
    role: "community_coordinator",
    org: "coordinatorUnit",
    displayName: "Camilla Holt",
  },
  volunteer_centre_staff: {
    role: "volunteer_centre_staff",
    org: "volunteerCentre",
    displayName: "Peter Skov",
  },
  manager: { role: "manager", org: "administration", displayName: "Hanne Dam" },
  evaluator: { role: "evaluator", org: "administration", displayName: "Rasmus Eg" },
  administrator: { role: "administrator", org: "administration", displayName: "Karin Admin" },
  private_worker: { role: "home_care_worker", org: "privateProviderA", displayName: "Yasmin Kader" },
  private_team_leader: { role: "team_leader", org: "privateProviderB", displayName: "Bo Kærgaard" },
};

/** Names chosen for Danish order: Aagaard counts as Å and sorts last; Æ, Ø, Å come after Z. */
const CITIZENS = {
  andersen: {
    firstName: "Anders",
    lastName: "Andersen",
    addressLine: "Fjordvej 1",
    org: "publicProvider",
    district: "north",
  },
  bech: {
    firstName: "Birthe",
    lastName: "Bech",
    addressLine: "Skovbrynet 12",
    org: "publicProvider",
    district: "south",
  },
  zacho: {
    firstName: "Zenia",
    lastName: "Zacho",
    addressLine: "Kirkestien 3",
    org: "publicProvider",
    district: "north",
  },
  aerboel: {
    firstName: "Åge",
    lastName: "Ærbøl",
    addressLine: "Mosevej 7",
    org: "publicProvider",
    district: "south",
  },
  oestergaard: {
    firstName: "Ole",
    lastName: "Østergaard",
    addressLine: "Havnegade 22",
    org: "publicProvider",
    district: "north",
  },
  aagaard: {
    firstName: "Bent",
    lastName: "Aagaard",
    addressLine: "Engvej 5",
    org: "publicProvider",
    district: "south",
  },
  holm: {
    firstName: "Karen",
    lastName: "Holm",
    addressLine: "Bakkedraget 9",
    org: "privateProviderA",
    district: "north",
  },
  moeller: {
    firstName: "Jens",
    lastName: "Møller",
    addressLine: "Lærkevej 14",
    org: "privateProviderA",
    district: "south",
  },
  kaer: {
    firstName: "Inge",
    lastName: "Kær",
    addressLine: "Rosenhaven 2",
    org: "privateProviderB",
    district: "north",
  },
  unassigned: {
    firstName: "Poul",
    lastName: "Nielsen",
    addressLine: "Stationsvej 30",
    org: null,
    district: null,
  },
} as const satisfies Record<
  string,
  {
    firstName: string;
    lastName: string;
    addressLine: string;
    org: OrgKey | null;
    district: "north" | "south" | null;
  }
>;
export type CitizenKey = keyof typeof CITIZENS;

export interface TestUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  organisationId: string;
  districtId: string | null;
}

export interface TestCitizen {
  id: string;
  cpr: string;
  firstName: string;
  lastName: string;
  addressLine: string;
  postalCode: string;
  city: string;
  providerId: string | null;
  districtId: string | null;
}

export interface Tenant {
  municipality: { id: string; name: string; code: string };
  orgs: Record<OrgKey, { id: string; name: string; kind: OrganisationKind }>;
  districts: { north: { id: string; name: string }; south: { id: string; name: string } };
  users: Record<ActorKey, TestUser>;
  citizens: Record<CitizenKey, TestCitizen>;
  /** A relative of `andersen`. */
  contactId: string;
}

let tenantSequence = 0;

export async function createTenant(db: Db, opts: { name?: string } = {}): Promise<Tenant> {
  const n = ++tenantSequence;
  const code = String(900 + n);
  const name = opts.name ?? `Testby ${n} Kommune`;
  const hash = await testPasswordHash();
  return db.transaction(async (tx) => {
    const [m] = await tx.insert(municipalities).values({ name, code }).returning({ id: municipalities.id });
    const municipalityId = m!.id;
    await installShippedCourseDefinitions(tx, municipalityId);

    const orgs = {} as Tenant["orgs"];
    for (const key of ORG_KEYS) {
      const [row] = await tx
        .insert(organisations)
        .values({ municipalityId, ...ORGS[key] })
        .returning({ id: organisations.id });
      orgs[key] = { id: row!.id, ...ORGS[key] };
    }
    const [north] = await tx
      .insert(districts)
      .values({ municipalityId, name: "Distrikt Nord" })
      .returning({ id: districts.id, name: districts.name });
    const [south] = await tx
      .insert(districts)
      .values({ municipalityId, name: "Distrikt Syd" })
      .returning({ id: districts.id, name: districts.name });
    const districtsOut = { north: north!, south: south! };

    const usersOut = {} as Tenant["users"];
    for (const key of ACTOR_KEYS) {
      const a = ACTORS[key];
      const values = {
        municipalityId,
        organisationId: orgs[a.org].id,
        districtId: a.district ? districtsOut[a.district].id : null,
        username: `t${code}.${key.replaceAll("_", "-")}`,
        displayName: a.displayName,
        role: a.role,
        passwordHash: hash,
      };
      const [row] = await tx.insert(users).values(values).returning({ id: users.id });
      usersOut[key] = {
        id: row!.id,
        username: values.username,
        displayName: values.displayName,
        role: values.role,
        organisationId: values.organisationId,
        districtId: values.districtId,
      };
    }

    const tenantSoFar = { municipality: { id: municipalityId, name, code }, orgs, districts: districtsOut };
    const citizensOut = {} as Tenant["citizens"];
    for (const [key, c] of Object.entries(CITIZENS) as [CitizenKey, (typeof CITIZENS)[CitizenKey]][]) {
      citizensOut[key] = await insertCitizen(tx, tenantSoFar, {
        firstName: c.firstName,
        lastName: c.lastName,
        addressLine: c.addressLine,
        providerId: c.org ? orgs[c.org].id : null,
        districtId: c.district ? districtsOut[c.district].id : null,
      });
    }
    const [contact] = await tx
      .insert(citizenContacts)
      .values({
        municipalityId,
        citizenId: citizensOut.andersen.id,
        kind: "relative",
        name: "Lise Andersen",
        relation: "datter",
        phone: "20304050",
        isPrimary: true,
      })
      .returning({ id: citizenContacts.id });
    return { ...tenantSoFar, users: usersOut, citizens: citizensOut, contactId: contact!.id };
  });
}

export interface CitizenFields {
  firstName?: string;
  lastName?: string;
  addressLine?: string;
  postalCode?: string;
  city?: string;
  cpr?: string;
  providerId?: string | null;
  districtId?: string | null;
}

/** One citizen in the tenant, with the derived search and sort columns the service would write. */
export async function insertCitizen(
  db: DbOrTx,
  tenant: Pick<Tenant, "municipality" | "orgs">,
  fields: CitizenFields = {},
): Promise<TestCitizen> {
  const cpr = fields.cpr ?? nextCpr();
  const dd = cpr.slice(0, 2);
  const mm = cpr.slice(2, 4);
  const yy = Number(cpr.slice(4, 6));
  const year = centuryYear(yy, Number(cpr[7]));
  const c = {
    firstName: fields.firstName ?? "Test",
    lastName: fields.lastName ?? "Borger",
    addressLine: fields.addressLine ?? "Testvej 1",
    postalCode: fields.postalCode ?? "9901",
    city: fields.city ?? "Fjordby",
    providerId: fields.providerId === undefined ? tenant.orgs.publicProvider.id : fields.providerId,
    districtId: fields.districtId ?? null,
  };
  const [row] = await db
    .insert(citizens)
    .values({
      municipalityId: tenant.municipality.id,
      cpr,
      cprLast4: cpr.slice(-4),
      birthDate: `${year}-${mm}-${dd}`,
      firstName: c.firstName,
      lastName: c.lastName,
      addressLine: c.addressLine,
      postalCode: c.postalCode,
      city: c.city,
      providerOrganisationId: c.providerId,
      districtId: c.districtId,
      homeCareSince: "2024-01-15",
      searchText: searchText(c.firstName, c.lastName, c.addressLine, c.postalCode, c.city),
      sortName: danishSortKey(`${c.lastName} ${c.firstName}`),
    })
    .returning({ id: citizens.id });
  return { id: row!.id, cpr, ...c };
}

/** Rows in a table, for "nothing was written" assertions. */
export async function countRows(db: DbOrTx, table: PgTable): Promise<number> {
  const [row] = await db.select({ n: count() }).from(table);
  return row?.n ?? 0;
}
