import type { App } from "../../platform/app-type.js";
import { clientRoutes } from "./clients-routes.js";
import { deliveryReportRoutes } from "./delivery-routes.js";
import { exchangeRoutes } from "./exchange-routes.js";
import { importRoutes } from "./import-routes.js";

/** The care-record module's /api routes (issue 14): each part registers its own plugin here, one line each. */
export async function careRecordRoutes(app: App): Promise<void> {
  await importRoutes(app);
  await deliveryReportRoutes(app);
  await clientRoutes(app);
  await exchangeRoutes(app);
}
