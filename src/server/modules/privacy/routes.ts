import type { App } from "../../platform/app-type.js";

/**
 * The privacy module's routes (issue 13): each part registers its own plugin here, one line each.
 */
export async function privacyRoutes(app: App): Promise<void> {
  void app;
}
