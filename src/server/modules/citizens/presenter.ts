import { ageOn, maskCpr } from "../../../domain/cpr.js";
import { copenhagenDate } from "../../../domain/time.js";
import type { CitizenDetail, CitizenSummary, Contact } from "../../../shared/api/citizens.js";
import type { CitizenRow, ContactRow } from "./queries.js";

export function presentCitizenSummary(row: CitizenRow, today = copenhagenDate(new Date())): CitizenSummary {
  return {
    id: row.id,
    name: `${row.firstName} ${row.lastName}`,
    firstName: row.firstName,
    lastName: row.lastName,
    // An anonymised citizen's CPR is a stand-in ("ANON-<uuid>", issue 13): nothing of it to mask.
    cprMasked: row.anonymisedAt ? "ANON" : maskCpr(row.cpr),
    birthDate: row.birthDate,
    age: ageOn(row.birthDate, today),
    address: `${row.addressLine}, ${row.postalCode} ${row.city}`,
    provider: row.providerOrganisationId
      ? { id: row.providerOrganisationId, name: row.providerName ?? "" }
      : null,
    district: row.districtId ? { id: row.districtId, name: row.districtName ?? "" } : null,
  };
}

export function presentContact(row: ContactRow): Contact {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    relation: row.relation,
    phone: row.phone,
    organisation: row.organisationId ? { id: row.organisationId, name: row.organisationName ?? "" } : null,
    isPrimary: row.isPrimary,
  };
}

export function presentCitizenDetail(row: CitizenRow, contacts: ContactRow[]): CitizenDetail {
  return {
    ...presentCitizenSummary(row),
    addressLine: row.addressLine,
    postalCode: row.postalCode,
    city: row.city,
    phone: row.phone,
    homeCareSince: row.homeCareSince,
    inTargetGroup: row.inTargetGroup,
    restrictedAt: row.restrictedAt?.toISOString() ?? null,
    contacts: contacts.map(presentContact),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
