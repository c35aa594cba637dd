/**
 * Front door of the catalog module (organisations, activities, search, upkeep, HSDS): the only
 * file another module, app.ts, the seed or a benchmark may import.
 */
export { catalogRoutes } from "./routes.js";
// The demo seed and bench/catalog.ts write activities and organisations as the module stores them.
export { activityContentOf, organisationContentOf } from "./presenter.js";
export { currentTaxonomy, danishOrder } from "./queries.js";
// bench/catalog.ts measures the paging query's title buckets.
export { bucketSql } from "./page.js";
