import type { App } from "../../platform/app-type.js";

/** Placeholder until its helper lands it (issue 14). */
export async function exchangeRoutes(app: App): Promise<void> {
  void app;
}
