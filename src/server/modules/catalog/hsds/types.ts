/**
 * The part of Open Referral HSDS 3.0 Broen writes and reads (schema/ has the full schemas).
 * Optional fields are left out rather than written as null: the HSDS schemas type them as
 * plain strings/numbers, so null would not validate.
 */

export interface HsdsTaxonomy {
  id: string;
  name: string;
  description: string;
}

export interface HsdsTaxonomyTerm {
  id: string;
  code?: string;
  name: string;
  description: string;
  taxonomy?: string;
  taxonomy_id?: string;
  taxonomy_detail?: HsdsTaxonomy;
  language?: string;
}

export interface HsdsAttribute {
  id: string;
  link_id?: string;
  link_type?: string;
  link_entity?: string;
  taxonomy_term_id?: string;
  value?: string;
  taxonomy_term?: HsdsTaxonomyTerm;
}

export interface HsdsPhone {
  id: string;
  number: string;
  type?: string;
}

export interface HsdsContact {
  id: string;
  name?: string;
  email?: string;
  phones?: HsdsPhone[];
}

export interface HsdsAddress {
  id: string;
  location_id?: string;
  address_1: string;
  address_2?: string;
  city: string;
  state_province: string;
  postal_code: string;
  country: string;
  address_type: "physical" | "postal" | "virtual";
}

export interface HsdsAccessibility {
  id: string;
  location_id?: string;
  description?: string;
  details?: string;
}

export interface HsdsLocation {
  id: string;
  location_type: "physical" | "postal" | "virtual";
  organization_id?: string;
  name?: string;
  description?: string;
  transportation?: string;
  latitude?: number;
  longitude?: number;
  addresses?: HsdsAddress[];
  accessibility?: HsdsAccessibility[];
  schedules?: HsdsSchedule[];
}

export interface HsdsServiceAtLocation {
  id: string;
  service_id?: string;
  location_id?: string;
  location?: HsdsLocation;
}

export interface HsdsSchedule {
  id: string;
  service_id?: string;
  valid_from?: string;
  valid_to?: string;
  dtstart?: string;
  freq?: "WEEKLY" | "MONTHLY";
  interval?: number;
  byday?: string;
  opens_at?: string;
  closes_at?: string;
  description?: string;
}

export interface HsdsCostOption {
  id: string;
  service_id?: string;
  option?: string;
  currency?: string;
  amount?: number;
  amount_description?: string;
}

export interface HsdsService {
  id: string;
  organization_id?: string;
  name: string;
  description?: string;
  status: "active" | "inactive" | "defunct" | "temporarily closed";
  fees_description?: string;
  assured_date?: string;
  service_at_locations?: HsdsServiceAtLocation[];
  schedules?: HsdsSchedule[];
  cost_options?: HsdsCostOption[];
  contacts?: HsdsContact[];
  attributes?: HsdsAttribute[];
}

export interface HsdsOrganization {
  id: string;
  name: string;
  description: string;
  email?: string;
  website?: string;
  phones?: HsdsPhone[];
  locations?: HsdsLocation[];
  attributes?: HsdsAttribute[];
}

/** What `toHsds` writes and `fromHsds` reads: the two lists an HSDS API would return. */
export interface HsdsDocument {
  organizations: HsdsOrganization[];
  services: HsdsService[];
}
