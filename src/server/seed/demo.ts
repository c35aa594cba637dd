/**
 * The demo municipality (fictional): created on the first start of an empty
 * database, deterministic apart from dates, which are relative to today so
 * the demo always looks current.
 */
import { count, eq, inArray } from "drizzle-orm";
import { centuryYear, passesModulus11 } from "../../domain/cpr.js";
import { danishSortKey, searchText } from "../../domain/danish-text.js";
import { copenhagenDate } from "../../domain/time.js";
import type { Role } from "../../domain/vocabulary/organisation.js";
import type { Db, Tx } from "../db/client.js";
import {
  citizenContacts,
  citizens,
  districts,
  municipalities,
  organisations,
  users,
} from "../db/schema/index.js";
import { hashPassword } from "../platform/passwords.js";
import { seedCatalogDemo, seedCitizenCoordinates } from "./catalog-demo.js";
import { seedCourseDemo } from "./course-demo.js";
import { seedPlacementsDemo } from "./placements-demo.js";
import { seedDetectionDemo } from "./detection-demo.js";
import { FEMALE_NAMES, LAST_NAMES, MALE_NAMES, RELATIONS, STREETS, TOWNS } from "./names.js";
import { JOINT_COORDINATOR, seedNeighbourDemo } from "./neighbour-demo.js";
import { SeededRandom } from "./random.js";

export const DEMO_PASSWORD = "broen-demo-2026";
export const DEMO_MUNICIPALITY = { name: "Fjordby Kommune", code: "999" };

type OrgKey = "hjemmeplejen" | "privathjaelpen" | "kaerpleje" | "aktivitet" | "frivillig" | "forvaltning";

// The providers' SOR codes (issue 14: the care record names a citizen's provider by it) are
// fictitious: the demo municipality's code 999 followed by zeros and a running number.
const ORGANISATIONS: Record<
  OrgKey,
  { name: string; kind: typeof organisations.$inferInsert.kind; sorCode?: string }
> = {
  hjemmeplejen: { name: "Hjemmeplejen", kind: "public_provider", sorCode: "999000000000011" },
  privathjaelpen: { name: "Privathjælpen", kind: "private_provider", sorCode: "999000000000012" },
  kaerpleje: { name: "Kær Pleje", kind: "private_provider", sorCode: "999000000000013" },
  aktivitet: { name: "Aktivitet Fællesskab", kind: "coordinator_unit" },
  frivillig: { name: "Frivilligcenter Fjordby", kind: "volunteer_centre" },
  forvaltning: { name: "Ældre og Sundhed, Fjordby Kommune", kind: "administration" },
};

export interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  org: OrgKey;
  district?: string;
  /** A home-care worker who is loneliness ambassador for this district (reads its due lists). */
  ambassadorFor?: string;
  /** Work phone, shown to the coordinators on the user's referrals (fictitious). */
  phone?: string;
  /** What the README and the console say this login is for. */
  description: string;
}

export const DEMO_USERS: DemoUser[] = [
  {
    username: "hjemmehjaelper",
    displayName: "Mette Lykke",
    role: "home_care_worker",
    org: "hjemmeplejen",
    district: "Distrikt Nord",
    phone: "21 43 65 87",
    description: "Social- og sundhedshjælper, Hjemmeplejen, Distrikt Nord",
  },
  {
    username: "privat",
    displayName: "Yasmin Kader",
    role: "home_care_worker",
    org: "privathjaelpen",
    phone: "31 54 76 98",
    description: "Social- og sundhedshjælper, Privathjælpen (privat leverandør)",
  },
  {
    username: "ambassador",
    displayName: "Nadia Friis",
    role: "home_care_worker",
    org: "hjemmeplejen",
    district: "Distrikt Syd",
    ambassadorFor: "Distrikt Syd",
    phone: "41 52 63 74",
    description:
      "Social- og sundhedsassistent og ensomhedsambassadør, Hjemmeplejen, Distrikt Syd (ser distriktets opfølgningslister)",
  },
  {
    username: "ambassador-privat",
    displayName: "Sofie Lund",
    role: "home_care_worker",
    org: "privathjaelpen",
    ambassadorFor: "Distrikt Vest",
    phone: "51 62 73 84",
    description:
      "Social- og sundhedshjælper og ensomhedsambassadør, Privathjælpen, Distrikt Vest (kun Privathjælpens borgere)",
  },
  {
    username: "kaerpleje",
    displayName: "Bo Kærgaard",
    role: "team_leader",
    org: "kaerpleje",
    description: "Teamleder, Kær Pleje (privat leverandør)",
  },
  {
    username: "planlaegger",
    displayName: "Lars Winther",
    role: "planner",
    org: "hjemmeplejen",
    district: "Distrikt Nord",
    description: "Planlægger, Hjemmeplejen, Distrikt Nord",
  },
  {
    username: "teamleder",
    displayName: "Susanne Brix",
    role: "team_leader",
    org: "hjemmeplejen",
    district: "Distrikt Nord",
    description: "Teamleder, Hjemmeplejen, Distrikt Nord",
  },
  {
    username: "koordinator",
    displayName: "Camilla Holt",
    role: "community_coordinator",
    org: "aktivitet",
    // On the citizen's letter (issue 16): the number the citizen calls.
    phone: "71 82 93 04",
    description: "Fællesskabskoordinator, Aktivitet Fællesskab",
  },
  {
    username: "koordinator2",
    displayName: "Jonas Bro",
    role: "community_coordinator",
    org: "aktivitet",
    phone: "71 82 93 05",
    description: "Fællesskabskoordinator nr. 2 (til fordeling af forløb)",
  },
  {
    username: "frivillig",
    displayName: "Peter Skov",
    role: "volunteer_centre_staff",
    org: "frivillig",
    description: "Medarbejder, Frivilligcenter Fjordby",
  },
  {
    username: "leder",
    displayName: "Hanne Dam",
    role: "manager",
    org: "forvaltning",
    description: "Leder, Ældre og Sundhed",
  },
  {
    username: "evaluator",
    displayName: "Rasmus Eg",
    role: "evaluator",
    org: "forvaltning",
    description: "Ekstern evaluator (kun pseudonymiserede data)",
  },
  {
    // Issue 15 point 4 (decision 0104): one login, two municipalities — a membership in Sundby
    // Kommune (seed/neighbour-demo.ts), switched in the header.
    username: JOINT_COORDINATOR,
    displayName: "Birgitte Fælled",
    role: "community_coordinator",
    org: "aktivitet",
    description: "Koordinator i et fælles projekt med Sundby Kommune: skifter kommune i toppen af siden",
  },
  {
    username: "admin",
    displayName: "Karin Admin",
    role: "administrator",
    org: "forvaltning",
    description: "Administrator",
  },
];

export const DEMO_CITIZEN_COUNT = 350;

const STAFF_CONTACTS = [
  "Lone Bech",
  "Mads Friis",
  "Anja Krog",
  "Tina Vang",
  "Omar Aziz",
  "Pia Lund",
  "Jesper Mølgaard",
  "Signe Bruun",
] as const;

/** A demo CPR: a 1926–1952 birth date, seventh digit 0–3 (1900s), failing modulus 11 (see domain/cpr.ts). */
export function demoCpr(
  rng: SeededRandom,
  female: boolean,
  taken: Set<string>,
): { cpr: string; birthDate: string } {
  for (;;) {
    const year = rng.int(1926, 1952);
    const month = rng.int(1, 12);
    const day = rng.int(1, 28);
    const serialHead = rng.int(0, 3);
    const middle = rng.int(0, 99);
    const last = rng.int(0, 4) * 2 + (female ? 0 : 1);
    const yy = String(year % 100).padStart(2, "0");
    const serial = `${serialHead}${String(middle).padStart(2, "0")}${last}`;
    const cpr = `${String(day).padStart(2, "0")}${String(month).padStart(2, "0")}${yy}-${serial}`;
    if (centuryYear(year % 100, serialHead) !== year || passesModulus11(cpr) || taken.has(cpr)) {
      continue;
    }
    taken.add(cpr);
    return { cpr, birthDate: `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}` };
  }
}

function daysAgo(today: string, days: number): string {
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(municipalities);
  return (row?.n ?? 0) === 0;
}

/** Whether the demo users exist (a database filled by seed:scale or by real use has none). */
export async function hasDemoUsers(db: Db): Promise<boolean> {
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .where(
      inArray(
        users.username,
        DEMO_USERS.map((u) => u.username),
      ),
    );
  return (row?.n ?? 0) > 0;
}

export interface SeedSummary {
  municipalityId: string;
  citizens: number;
  users: DemoUser[];
}

export async function seedDemo(
  db: Db,
  opts: { citizens?: number; seed?: number } = {},
): Promise<SeedSummary> {
  const rng = new SeededRandom(opts.seed ?? 20261123);
  const today = copenhagenDate(new Date());
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx: Tx) => {
    const [m] = await tx
      .insert(municipalities)
      .values(DEMO_MUNICIPALITY)
      .returning({ id: municipalities.id });
    const municipalityId = m!.id;
    const orgIds = {} as Record<OrgKey, string>;
    for (const [key, org] of Object.entries(ORGANISATIONS) as [OrgKey, (typeof ORGANISATIONS)[OrgKey]][]) {
      const [row] = await tx
        .insert(organisations)
        .values({ municipalityId, ...org })
        .returning({ id: organisations.id });
      orgIds[key] = row!.id;
    }
    const districtIds = new Map<string, string>();
    for (const name of [...new Set(TOWNS.map((t) => t.district))]) {
      const [row] = await tx
        .insert(districts)
        .values({ municipalityId, name })
        .returning({ id: districts.id });
      districtIds.set(name, row!.id);
    }
    await tx.insert(users).values(
      DEMO_USERS.map((u) => ({
        municipalityId,
        organisationId: orgIds[u.org],
        districtId: u.district ? (districtIds.get(u.district) ?? null) : null,
        ambassadorDistrictId: u.ambassadorFor ? (districtIds.get(u.ambassadorFor) ?? null) : null,
        phone: u.phone ?? null,
        username: u.username,
        displayName: u.displayName,
        role: u.role,
        passwordHash,
      })),
    );

    const taken = new Set<string>();
    const citizenRows: (typeof citizens.$inferInsert)[] = [];
    const n = opts.citizens ?? DEMO_CITIZEN_COUNT;
    for (let i = 0; i < n; i++) {
      const female = rng.chance(0.62);
      const firstName = rng.pick(female ? FEMALE_NAMES : MALE_NAMES);
      const lastName = rng.pick(LAST_NAMES);
      const { cpr, birthDate } = demoCpr(rng, female, taken);
      const town = rng.pick(TOWNS);
      const roll = rng.next();
      const provider =
        roll < 0.7 ? orgIds.hjemmeplejen : roll < 0.88 ? orgIds.privathjaelpen : orgIds.kaerpleje;
      const addressLine = `${rng.pick(STREETS)} ${rng.int(1, 120)}${rng.chance(0.15) ? `, ${rng.int(1, 3)}. ${rng.pick(["th", "tv", "mf"])}` : ""}`;
      citizenRows.push({
        municipalityId,
        cpr,
        cprLast4: cpr.slice(-4),
        birthDate,
        firstName,
        lastName,
        addressLine,
        postalCode: town.postalCode,
        city: town.city,
        phone: rng.chance(0.8)
          ? `${rng.pick(["2", "4", "5", "6", "9"])}${String(rng.int(0, 9_999_999)).padStart(7, "0")}`
          : null,
        providerOrganisationId: provider,
        districtId: districtIds.get(town.district) ?? null,
        homeCareSince: daysAgo(today, rng.chance(0.08) ? rng.int(1, 40) : rng.int(60, 2200)),
        inTargetGroup: true,
        searchText: searchText(firstName, lastName, addressLine, town.postalCode, town.city),
        sortName: danishSortKey(`${lastName} ${firstName}`),
      });
    }
    const inserted = await tx
      .insert(citizens)
      .values(citizenRows)
      .returning({ id: citizens.id, provider: citizens.providerOrganisationId });
    const contactRows: (typeof citizenContacts.$inferInsert)[] = [];
    for (const c of inserted) {
      contactRows.push({
        municipalityId,
        citizenId: c.id,
        kind: "contact_person",
        name: rng.pick(STAFF_CONTACTS),
        relation: "kontaktperson",
        organisationId: c.provider,
        isPrimary: true,
      });
      const relatives = rng.int(0, 2);
      for (let r = 0; r < relatives; r++) {
        const female = rng.chance(0.5);
        contactRows.push({
          municipalityId,
          citizenId: c.id,
          kind: "relative",
          name: `${rng.pick(female ? FEMALE_NAMES : MALE_NAMES)} ${rng.pick(LAST_NAMES)}`,
          relation: rng.pick(RELATIONS),
          phone: `${rng.pick(["2", "3", "4", "5", "6"])}${String(rng.int(0, 9_999_999)).padStart(7, "0")}`,
          isPrimary: r === 0,
        });
      }
    }
    await tx.insert(citizenContacts).values(contactRows);
    // Homes for distances in the catalog and matching, from a random of their own (the sequence above stays as it was).
    await seedCitizenCoordinates(tx, municipalityId);
    await seedDetectionDemo(tx, rng, municipalityId, orgIds.aktivitet);
    await seedCourseDemo(tx, rng, municipalityId, orgIds.aktivitet);
    await seedCatalogDemo(tx, municipalityId, orgIds.frivillig);
    await seedPlacementsDemo(tx, rng, municipalityId, orgIds.frivillig);
    const [joint] = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(users.username, JOINT_COORDINATOR));
    await seedNeighbourDemo(tx, { passwordHash, jointCoordinatorId: joint!.id, demoCpr });
    return { municipalityId, citizens: inserted.length, users: DEMO_USERS };
  });
}
