import type { App } from "../../app.js";

/** The activity catalog's routes (issue 5). */
export async function catalogRoutes(_app: App): Promise<void> {}
