/**
 * Test-only helpers of the catalog's API tests (imported by *.test.ts, never by the server):
 * valid request bodies and a way to add entries through the API.
 */
import type { Activity, Organisation } from "../../../shared/api/catalog.js";
import type { Client } from "../../../../test/support/test-app.js";

export const venue = (over: Record<string, unknown> = {}) => ({
  kind: "venue",
  name: "Fjordby Kulturhus",
  address: { line: "Fjordvej 12", postalCode: "9901", city: "Fjordby" },
  lat: 56.4,
  lon: 8.6,
  ...over,
});

export const organisationBody = (over: Record<string, unknown> = {}) => ({
  name: "Strikkeforeningen Fjordby",
  kind: "association",
  description: "En forening for alle, der kan lide at strikke.",
  address: { line: "Fjordvej 12", postalCode: "9901", city: "Fjordby" },
  phone: "40123456",
  email: "kontakt@strik.fjordby.example",
  website: "https://strik.fjordby.example/",
  inclusionCriteria: "Alle over 60 år.",
  collaborationAgreement: "signed",
  ...over,
});

export const activityBody = (organisationId: string, over: Record<string, unknown> = {}) => ({
  organisationId,
  title: "Strikkeklubben",
  description: "Vi strikker, drikker kaffe og hjælper hinanden i gang.",
  themes: ["creative"],
  interests: ["knitting_needlework", "coffee_club"],
  place: venue(),
  schedule: { kind: "weekly", weekdays: [2], startTime: "14:00", endTime: "16:00" },
  accessibility: ["step_free", "accessible_toilet"],
  cost: { kind: "free" },
  groupSize: "small",
  contact: { name: "Birthe Holm", phone: "22334455", email: null },
  ...over,
});

async function created<T>(
  res: Promise<{ statusCode: number; body: string; json: () => unknown }>,
): Promise<T> {
  const r = await res;
  if (r.statusCode !== 201) throw new Error(`expected 201, got ${r.statusCode}: ${r.body}`);
  return r.json() as T;
}

export const addOrganisation = (client: Client, over: Record<string, unknown> = {}) =>
  created<Organisation>(client.post("/api/catalog/organisations", organisationBody(over)));

export const addActivity = (client: Client, organisationId: string, over: Record<string, unknown> = {}) =>
  created<Activity>(client.post("/api/catalog/activities", activityBody(organisationId, over)));
