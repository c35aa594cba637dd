import type { App } from "../../platform/app-type.js";

/** Placeholder until its helper lands it (issue 14). */
export async function importRoutes(app: App): Promise<void> {
  void app;
}
