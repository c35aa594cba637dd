/** The register's words: a citizen's contacts and the orders the citizen list sorts by. */
export const CONTACT_KINDS = ["contact_person", "relative"] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

/** A leading "-" sorts descending. */
export const CITIZEN_SORTS = ["name", "-name", "address", "district", "updated", "-updated"] as const;
export type CitizenSort = (typeof CITIZEN_SORTS)[number];
