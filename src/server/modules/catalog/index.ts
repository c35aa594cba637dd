/**
 * Front door of the catalog module (organisations, activities, search, upkeep, HSDS): the only
 * file another module, app.ts, the seed or a benchmark may import.
 */
export { catalogRoutes } from "./routes.js";
// The demo seed and bench/catalog.ts write activities and organisations as the module stores them.
export { activityContentOf, organisationContentOf } from "./presenter.js";
export { currentTaxonomy } from "./queries.js";
// bench/catalog.ts records the statements a search runs, to replay exactly those next to the route.
export { searchActivities } from "./search.js";
