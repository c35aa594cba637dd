import type { App } from "../../app.js";

/** Matching, placements, volunteer-centre referrals and small communities (issue 5). */
export async function placementRoutes(_app: App): Promise<void> {}
