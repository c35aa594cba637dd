/**
 * The words of the activity catalog's upkeep and search (issue 5); the catalog's own data words
 * (organisation kinds, group sizes, place kinds …) are in matching/types.ts.
 */

/** What a catalog change is about. */
export const CATALOG_ENTITY_TYPES = ["organisation", "activity"] as const;
export type CatalogEntityType = (typeof CATALOG_ENTITY_TYPES)[number];

/** What was done to it (catalog_changes). */
export const CATALOG_CHANGE_ACTIONS = ["create", "update", "verify", "deactivate", "import"] as const;
export type CatalogChangeAction = (typeof CATALOG_CHANGE_ACTIONS)[number];

/** The orders of an activity search. */
export const ACTIVITY_SORTS = ["relevance", "distance", "title"] as const;
export type ActivitySort = (typeof ACTIVITY_SORTS)[number];

/** An HSDS import: refuse the document on any bad row, or take the valid rows and report the rest. */
export const IMPORT_MODES = ["all_or_nothing", "valid_rows"] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];
