/**
 * The demo activity catalog of the fictitious "Fjordby Kommune": about 140 organisations and 250
 * activities (Holstebro's volunteer house knows 140+ associations, seed 004), deterministic
 * from a seed (SeededRandom). Pure: no database; the caller stores the rows.
 *
 * Places are in the demo towns of names.ts, on its invented street names. The towns get
 * invented centres on the west coast of Jutland (a fjord landscape fitting "Fjordby"); venues lie
 * within about 1.5 km of their town's centre. `demoCoordinatesNear` gives citizens coordinates
 * in the same towns, so distances between demo citizens and activities are believable.
 * Emails and websites use the reserved top-level domain ".example" (RFC 2606), so none is real.
 */
import { ACCESSIBILITY_FEATURES, type AccessibilityFeature } from "../../domain/course/vocabulary.js";
import {
  type ActivityCost,
  type ActivitySchedule,
  COLLABORATION_AGREEMENTS,
  type Catalog,
  type CatalogActivity,
  type CatalogAddress,
  type CatalogOrganisation,
  type GeoPoint,
} from "../../domain/matching/types.js";
import {
  type ActivityTemplate,
  CLOSING_SENTENCES,
  type CostKind,
  DEMO_INTEREST_THEMES,
  LOCAL_ORGANISATIONS,
  NEIGHBOURHOODS,
  type OrganisationTemplate,
  SINGLE_ORGANISATIONS,
  TRANSPORT_SENTENCE,
  VENUE_NAMES,
  type VenueKind,
} from "./catalog-demo-texts.js";
import { FEMALE_NAMES, LAST_NAMES, MALE_NAMES, STREETS, TOWNS } from "./names.js";
import { SeededRandom } from "./random.js";

export {
  DEMO_INTEREST_IDS,
  DEMO_INTEREST_THEMES,
  DEMO_THEME_IDS,
  type DemoInterestId,
} from "./catalog-demo-texts.js";

export const DEMO_CATALOG_SEED = 20_260_105;
/** The "today" the demo's dates are counted from unless the caller passes the real one. */
export const DEMO_CATALOG_TODAY = "2026-03-02";
export const DEMO_ORGANISATION_COUNT = 140;
export const DEMO_ACTIVITY_COUNT = 250;

/** Invented centres of the towns in names.ts, by postal code. */
export const DEMO_TOWN_CENTRES: Readonly<Record<string, GeoPoint>> = {
  "9901": { lat: 56.4, lon: 8.6 }, // Fjordby
  "9902": { lat: 56.47, lon: 8.56 }, // Nørre Lyngå
  "9903": { lat: 56.31, lon: 8.64 }, // Sønderhede
  "9904": { lat: 56.35, lon: 8.75 }, // Bækmarken
  "9905": { lat: 56.42, lon: 8.43 }, // Vesterstrand
  "9906": { lat: 56.5, lon: 8.38 }, // Klitby
};

/** A point within about `km` of the town's centre (0.009° latitude ≈ 1 km; longitude ≈ 0.016° at 56° N). */
export function demoCoordinatesNear(rng: SeededRandom, postalCode: string, km = 1.5): GeoPoint {
  const c = DEMO_TOWN_CENTRES[postalCode] ?? DEMO_TOWN_CENTRES["9901"]!;
  const round = (n: number) => Math.round(n * 1e6) / 1e6;
  return {
    lat: round(c.lat + (rng.next() * 2 - 1) * 0.009 * km),
    lon: round(c.lon + (rng.next() * 2 - 1) * 0.016 * km),
  };
}

/** A version-4-shaped UUID from the seeded generator (deterministic, unlike crypto.randomUUID). */
export function seededUuid(rng: SeededRandom): string {
  let hex = "";
  for (let i = 0; i < 4; i++)
    hex += Math.floor(rng.next() * 0x1_0000_0000)
      .toString(16)
      .padStart(8, "0");
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** What each kind of place usually offers; `maybe` features appear with the given probability. */
const VENUE_ACCESS: Record<
  VenueKind,
  { always: AccessibilityFeature[]; maybe?: [AccessibilityFeature, number][] }
> = {
  kulturhus: { always: ["step_free", "wheelchair_rollator", "accessible_toilet", "hearing_loop"] },
  aktivitetscenter: {
    always: ["step_free", "wheelchair_rollator", "accessible_toilet"],
    maybe: [["hearing_loop", 0.8]],
  },
  sognegaard: {
    always: ["step_free", "wheelchair_rollator", "accessible_toilet"],
    maybe: [["hearing_loop", 0.5]],
  },
  kirke: { always: ["hearing_loop"], maybe: [["step_free", 0.5]] },
  forsamlingshus: {
    always: [],
    maybe: [
      ["step_free", 0.7],
      ["accessible_toilet", 0.4],
    ],
  },
  bibliotek: { always: ["step_free", "wheelchair_rollator", "accessible_toilet"] },
  hal: { always: ["step_free", "wheelchair_rollator", "accessible_toilet"] },
  svoemmehal: { always: ["step_free", "accessible_toilet"] },
  klubhus: { always: [] },
  vaerksted: { always: [], maybe: [["step_free", 0.3]] },
  udendoers: {
    always: [],
    maybe: [
      ["step_free", 0.6],
      ["wheelchair_rollator", 0.4],
    ],
  },
  havn: { always: [] },
};

const START_TIMES = {
  morning: ["09:00", "09:30", "10:00", "10:30"],
  afternoon: ["13:00", "13:30", "14:00", "14:30"],
  evening: ["17:30", "18:00", "19:00", "19:30"],
} as const;

interface Venue {
  name: string;
  address: CatalogAddress;
  lat: number | null;
  lon: number | null;
  features: AccessibilityFeature[];
}

type Town = (typeof TOWNS)[number];

/** Features in the vocabulary's order, as an import gives them back. */
const canonical = (features: AccessibilityFeature[]) =>
  ACCESSIBILITY_FEATURES.filter((f) => features.includes(f));

const fill = (text: string, v: Record<string, string>) =>
  text.replace(/\{(by|sted|kvarter|navn)\}/g, (_m, k: string) => v[k] ?? "");

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/æ/g, "ae")
    .replace(/ø/g, "oe")
    .replace(/å/g, "aa")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const addMinutes = (time: string, minutes: number) => {
  const total = Math.min(Number(time.slice(0, 2)) * 60 + Number(time.slice(3)) + minutes, 23 * 60 + 59);
  return `${String(Math.floor(total / 60)).padStart(2, "0")}:${String(total % 60).padStart(2, "0")}`;
};

const phoneNumber = (rng: SeededRandom) =>
  `${rng.pick(["2", "4", "5", "6", "9"])}${String(rng.int(0, 9_999_999)).padStart(7, "0")}`;
const personName = (rng: SeededRandom) =>
  `${rng.pick(rng.chance(0.6) ? FEMALE_NAMES : MALE_NAMES)} ${rng.pick(LAST_NAMES)}`;

/** Verified within the last 11 months (70 %), 13–30 months ago (22 %: due for a check), or never (8 %). */
function verifiedOn(rng: SeededRandom, today: string): string | null {
  const roll = rng.next();
  if (roll < 0.7) return addDays(today, -rng.int(0, 330));
  if (roll < 0.92) return addDays(today, -rng.int(400, 900));
  return null;
}

function schedule(rng: SeededRandom, t: ActivityTemplate, today: string): ActivitySchedule {
  if ((t.place ?? "venue") !== "venue") return { kind: "by_arrangement" };
  const startTime = rng.pick(START_TIMES[t.slot ?? "afternoon"]);
  const endTime = addMinutes(startTime, t.minutes ?? 120);
  const weekday = rng.int(1, 5);
  switch (t.schedule ?? "weekly") {
    case "monthly":
      return { kind: "monthly", weekday, week: rng.pick([1, 2, 3, 4, -1] as const), startTime, endTime };
    case "dates": {
      const dates = new Set<string>();
      for (let i = rng.int(2, 4); i > 0; i--) dates.add(addDays(today, rng.int(10, 150)));
      return { kind: "dates", dates: [...dates].sort(), startTime, endTime };
    }
    default: {
      const days = new Set([weekday]);
      if (rng.chance(0.2)) days.add(rng.int(1, 5));
      return { kind: "weekly", weekdays: [...days].sort((a, b) => a - b), startTime, endTime };
    }
  }
}

function cost(rng: SeededRandom, kind: CostKind | undefined): ActivityCost {
  switch (kind) {
    case "coffee":
      return rng.chance(0.3) ? { kind: "free" } : { kind: "paid", amountDkk: rng.int(2, 6) * 5, per: "time" };
    case "membership":
      return { kind: "paid", amountDkk: rng.int(4, 12) * 25, per: "year" };
    case "monthly":
      return { kind: "paid", amountDkk: rng.int(5, 15) * 10, per: "month" };
    default:
      return { kind: "free" };
  }
}

class CatalogBuilder {
  readonly organisations: CatalogOrganisation[] = [];
  readonly activities: CatalogActivity[] = [];
  private readonly venues = new Map<string, Venue>();
  private readonly names = new Set<string>();

  constructor(
    private readonly rng: SeededRandom,
    private readonly today: string,
  ) {}

  private venue(town: Town, kind: VenueKind): Venue {
    const key = `${town.postalCode}/${kind}`;
    let v = this.venues.get(key);
    if (!v) {
      const rng = this.rng;
      const access = VENUE_ACCESS[kind];
      const point = rng.chance(0.04) ? null : demoCoordinatesNear(rng, town.postalCode);
      v = {
        name: fill(VENUE_NAMES[kind], { by: town.city }),
        address: {
          line: `${rng.pick(STREETS)} ${rng.int(1, 80)}`,
          postalCode: town.postalCode,
          city: town.city,
        },
        lat: point?.lat ?? null,
        lon: point?.lon ?? null,
        features: canonical([
          ...access.always,
          ...(access.maybe ?? []).filter(([, p]) => rng.chance(p)).map(([f]) => f),
        ]),
      };
      this.venues.set(key, v);
    }
    return v;
  }

  /** Adds an organisation from a template and name variant; false when that name exists already. */
  addOrganisation(t: OrganisationTemplate, variant: number, town: Town): CatalogOrganisation | null {
    const rng = this.rng;
    const kvarter = rng.pick(NEIGHBOURHOODS);
    const name = fill(t.names[variant]!, { by: town.city, kvarter });
    if (this.names.has(name)) return null;
    this.names.add(name);
    const kind = t.kind;
    const official =
      kind === "visiting_service" ||
      kind === "volunteer_centre" ||
      kind === "activity_centre" ||
      kind === "municipal";
    const roll = rng.next();
    const agreement =
      official || (kind === "church" && roll < 0.5) || roll < 0.3
        ? "signed"
        : roll < 0.45
          ? "in_progress"
          : "none";
    const first = t.activities[0]!;
    const address =
      (first.place ?? "venue") === "venue"
        ? this.venue(town, first.venue ?? "kulturhus").address
        : { line: `${rng.pick(STREETS)} ${rng.int(1, 80)}`, postalCode: town.postalCode, city: town.city };
    const org: CatalogOrganisation = {
      id: seededUuid(rng),
      name,
      kind,
      description: fill(t.description, { by: town.city, kvarter }),
      address,
      phone: rng.chance(0.8) ? phoneNumber(rng) : null,
      email: rng.chance(0.7) ? `kontakt@${slug(name)}.fjordby.example` : null,
      website: rng.chance(0.5) ? `https://${slug(name)}.fjordby.example/` : null,
      inclusionCriteria: t.inclusion ?? null,
      collaborationAgreement: agreement,
      lastVerifiedOn: verifiedOn(rng, this.today),
    };
    this.organisations.push(org);
    return org;
  }

  addActivity(org: CatalogOrganisation, t: ActivityTemplate, town: Town): void {
    const rng = this.rng;
    const placeKind = t.place ?? "venue";
    const venue = placeKind === "venue" ? this.venue(town, t.venue ?? "kulturhus") : null;
    const transport = venue !== null && rng.chance(t.transport ?? 0.1);
    const vars = {
      by: town.city,
      sted: venue?.name ?? "",
      kvarter: rng.pick(NEIGHBOURHOODS),
      navn: org.name,
    };
    const description = [
      fill(t.description, vars),
      transport ? TRANSPORT_SENTENCE : "",
      rng.pick(CLOSING_SENTENCES),
    ]
      .filter(Boolean)
      .join(" ");
    this.activities.push({
      id: seededUuid(rng),
      organisationId: org.id,
      title: fill(t.title, vars),
      description,
      themes: [...new Set(t.interests.map((i) => DEMO_INTEREST_THEMES[i]))],
      interests: [...t.interests],
      place: venue
        ? { kind: "venue", name: venue.name, address: venue.address, lat: venue.lat, lon: venue.lon }
        : placeKind === "remote"
          ? { kind: "remote", channels: rng.chance(0.25) ? ["phone", "video"] : ["phone"] }
          : { kind: "in_home" },
      schedule: schedule(rng, t, this.today),
      accessibility: venue ? [...venue.features, ...(transport ? (["transport_offered"] as const) : [])] : [],
      cost: cost(rng, t.cost),
      groupSize: t.group,
      contact: rng.chance(0.85)
        ? {
            name: personName(rng),
            phone: phoneNumber(rng),
            email: rng.chance(0.5) ? `${slug(personName(rng))}@${slug(org.name)}.fjordby.example` : null,
          }
        : null,
      lastVerifiedOn: verifiedOn(rng, this.today),
      active: rng.chance(0.97),
    });
  }
}

function shuffle<T>(rng: SeededRandom, items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * The demo catalog: the visiting services and the volunteer centre, a church, an activity centre
 * and a library in every town, and associations filling up to DEMO_ORGANISATION_COUNT; each
 * organisation runs its main activity, and further ones are spread until DEMO_ACTIVITY_COUNT.
 */
export function generateDemoCatalog(seed = DEMO_CATALOG_SEED, today = DEMO_CATALOG_TODAY): Catalog {
  const rng = new SeededRandom(seed);
  const b = new CatalogBuilder(rng, today);
  const planned: { org: CatalogOrganisation; template: OrganisationTemplate; town: Town; next: number }[] =
    [];
  const add = (template: OrganisationTemplate, variant: number, town: Town) => {
    if (b.organisations.length >= DEMO_ORGANISATION_COUNT) return;
    const org = b.addOrganisation(template, variant, town);
    // A second variant of a template (two pensioner clubs in one town) starts further down the list.
    if (org) planned.push({ org, template, town, next: variant % template.activities.length });
  };

  for (const s of SINGLE_ORGANISATIONS) add(s, 0, TOWNS[s.town ?? 0]!);
  for (const town of TOWNS) for (const t of LOCAL_ORGANISATIONS.filter((x) => x.core)) add(t, 0, town);
  const pool = TOWNS.flatMap((town) =>
    LOCAL_ORGANISATIONS.filter((t) => !t.core).flatMap((t) =>
      t.names.map((_n, variant) => ({ t, variant, town })),
    ),
  );
  // Twice through the pool: names with a neighbourhood can come out differently the second time.
  for (const p of [...shuffle(rng, pool), ...shuffle(rng, pool)]) add(p.t, p.variant, p.town);

  for (const p of planned) {
    b.addActivity(p.org, p.template.activities[p.next]!, p.town);
    p.next = (p.next + 1) % p.template.activities.length;
  }
  let open = planned.filter((p) => p.template.activities.length > 1);
  const used = new Map(planned.map((p) => [p.org.id, 1]));
  while (b.activities.length < DEMO_ACTIVITY_COUNT && open.length > 0) {
    const p = rng.pick(open);
    b.addActivity(p.org, p.template.activities[p.next]!, p.town);
    p.next = (p.next + 1) % p.template.activities.length;
    used.set(p.org.id, (used.get(p.org.id) ?? 0) + 1);
    open = open.filter((q) => (used.get(q.org.id) ?? 0) < q.template.activities.length);
  }
  return { organisations: b.organisations, activities: b.activities };
}

/**
 * A national-scale catalog for benchmarks: `n` activities from the same templates at random
 * places across Denmark, about one organisation per two activities. Linear and cheap (no name
 * bookkeeping), so 20,000 activities take milliseconds.
 */
export function generateScaleCatalog(n: number, seed = DEMO_CATALOG_SEED): Catalog {
  const rng = new SeededRandom(seed);
  const today = DEMO_CATALOG_TODAY;
  const organisations: CatalogOrganisation[] = [];
  const activities: CatalogActivity[] = [];
  const templates = [...LOCAL_ORGANISATIONS, ...SINGLE_ORGANISATIONS];
  while (activities.length < n) {
    const t = rng.pick(templates);
    const city = `By ${organisations.length + 1}`;
    const centre = { lat: 54.9 + rng.next() * 2.5, lon: 8.2 + rng.next() * 4.2 };
    const address = {
      line: `${rng.pick(STREETS)} ${rng.int(1, 80)}`,
      postalCode: String(rng.int(1000, 9990)),
      city,
    };
    const org: CatalogOrganisation = {
      id: seededUuid(rng),
      name: fill(t.names[0]!, { by: city, kvarter: rng.pick(NEIGHBOURHOODS) }),
      kind: t.kind,
      description: t.description,
      address,
      phone: null,
      email: null,
      website: null,
      inclusionCriteria: t.inclusion ?? null,
      collaborationAgreement: rng.pick(COLLABORATION_AGREEMENTS),
      lastVerifiedOn: verifiedOn(rng, today),
    };
    organisations.push(org);
    for (const a of t.activities.slice(0, Math.min(t.activities.length, 2, n - activities.length))) {
      const venue = (a.place ?? "venue") === "venue";
      activities.push({
        id: seededUuid(rng),
        organisationId: org.id,
        title: fill(a.title, { by: city, sted: `${city} Kulturhus`, kvarter: "", navn: org.name }),
        description: a.description,
        themes: [...new Set(a.interests.map((i) => DEMO_INTEREST_THEMES[i]))],
        interests: [...a.interests],
        place: venue
          ? {
              kind: "venue",
              name: `${city} Kulturhus`,
              address,
              lat: centre.lat + (rng.next() - 0.5) * 0.03,
              lon: centre.lon + (rng.next() - 0.5) * 0.05,
            }
          : a.place === "remote"
            ? { kind: "remote", channels: ["phone"] }
            : { kind: "in_home" },
        schedule: schedule(rng, a, today),
        accessibility: venue ? [...VENUE_ACCESS[a.venue ?? "kulturhus"].always] : [],
        cost: cost(rng, a.cost),
        groupSize: a.group,
        contact: null,
        lastVerifiedOn: verifiedOn(rng, today),
        active: rng.chance(0.97),
      });
    }
  }
  return { organisations, activities };
}
