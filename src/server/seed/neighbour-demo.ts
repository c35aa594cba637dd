/**
 * The demo's second municipality (issue 15 point 4, decision 0104): Sundby Kommune, a small
 * neighbour of Fjordby in a joint project. It has its own administrator and a handful of
 * citizens, and Fjordby's project coordinator has a membership here — one login, two
 * municipalities, switched in the header. Fictitious like the rest of the demo: postal codes 99xx,
 * CPR numbers that fail modulus 11 (demoCpr).
 */
import { danishSortKey, searchText } from "../../domain/danish-text.js";
import type { Tx } from "../db/client.js";
import { citizens, districts, municipalities, organisations, users } from "../db/schema/index.js";
import { MEMBERSHIP_NO_PASSWORD } from "../modules/admin/index.js";
import { SeededRandom } from "./random.js";

export const NEIGHBOUR_MUNICIPALITY = { name: "Sundby Kommune", code: "998" };
/** The Fjordby login who also works in Sundby. */
export const JOINT_COORDINATOR = "projektkoordinator";

const CITIZENS = [
  { firstName: "Ellen", lastName: "Strandgaard", female: true, address: "Havnevej 4" },
  { firstName: "Holger", lastName: "Bjerre", female: false, address: "Kirkestien 11" },
  { firstName: "Karen", lastName: "Aagaard", female: true, address: "Møllebakken 2" },
  { firstName: "Verner", lastName: "Kloster", female: false, address: "Engvej 17" },
  { firstName: "Inger", lastName: "Sundholm", female: true, address: "Skolegade 8, 1. th" },
  { firstName: "Aksel", lastName: "Bro", female: false, address: "Lindealle 23" },
  { firstName: "Gudrun", lastName: "Vestergaard", female: true, address: "Fjordvej 9" },
  { firstName: "Poul", lastName: "Ravn", female: false, address: "Toften 5" },
] as const;

export async function seedNeighbourDemo(
  tx: Tx,
  input: {
    passwordHash: string;
    jointCoordinatorId: string;
    /** demo.ts's, passed in so the two files do not import each other. */
    demoCpr: (rng: SeededRandom, female: boolean, taken: Set<string>) => { cpr: string; birthDate: string };
  },
): Promise<void> {
  const rng = new SeededRandom(998);
  const [m] = await tx
    .insert(municipalities)
    .values(NEIGHBOUR_MUNICIPALITY)
    .returning({ id: municipalities.id });
  const municipalityId = m!.id;
  const org = async (name: string, kind: typeof organisations.$inferInsert.kind) => {
    const [row] = await tx
      .insert(organisations)
      .values({ municipalityId, name, kind })
      .returning({ id: organisations.id });
    return row!.id;
  };
  const provider = await org("Hjemmeplejen Sundby", "public_provider");
  const unit = await org("Fællesskab Sundby", "coordinator_unit");
  const administration = await org("Ældre og Sundhed, Sundby Kommune", "administration");
  const [district] = await tx
    .insert(districts)
    .values({ municipalityId, name: "Distrikt Sundby" })
    .returning({ id: districts.id });
  await tx.insert(users).values([
    {
      municipalityId,
      organisationId: administration,
      username: "sundby-admin",
      displayName: "Svend Sundby",
      role: "administrator",
      passwordHash: input.passwordHash,
    },
    {
      municipalityId,
      organisationId: unit,
      username: `${JOINT_COORDINATOR}@${NEIGHBOUR_MUNICIPALITY.code}`,
      displayName: "Birgitte Fælled",
      role: "community_coordinator",
      passwordHash: MEMBERSHIP_NO_PASSWORD,
      loginUserId: input.jointCoordinatorId,
    },
  ]);
  const taken = new Set<string>();
  await tx.insert(citizens).values(
    CITIZENS.map((c) => {
      const { cpr, birthDate } = input.demoCpr(rng, c.female, taken);
      return {
        municipalityId,
        cpr,
        cprLast4: cpr.slice(-4),
        birthDate,
        firstName: c.firstName,
        lastName: c.lastName,
        addressLine: c.address,
        postalCode: "9910",
        city: "Sundby",
        providerOrganisationId: provider,
        districtId: district!.id,
        inTargetGroup: true,
        searchText: searchText(c.firstName, c.lastName, c.address, "9910", "Sundby"),
        sortName: danishSortKey(`${c.lastName} ${c.firstName}`),
      };
    }),
  );
}
