/**
 * The restriction of processing (GDPR art. 18) where citizens' data is opened and used: every
 * citizen-scoped service starts with loadCitizenFor or courses' loadCourseFor, which ask
 * `assertMayOpen`; services that start something new with a citizen (a screening, a referral to
 * the volunteer centre, a placement) ask `assertMayProcess` too. Lists hide restricted citizens
 * with `listedCitizen` (listed.ts). The rule itself is domain/privacy/restriction.ts.
 */
import {
  type RestrictableCitizen,
  type RestrictedUse,
  restrictionRefuses,
} from "../../../domain/privacy/restriction.js";
import type { Ctx } from "../../platform/context.js";
import { AppError } from "../../platform/errors.js";

function refuse(ctx: Ctx, citizen: RestrictableCitizen, use: RestrictedUse): void {
  if (restrictionRefuses(ctx.actor, citizen, use)) throw new AppError("citizen_restricted", 409);
}

/** Opening a restricted citizen's data: only for those who handle the request (the administrator). */
export function assertMayOpen(ctx: Ctx, citizen: RestrictableCitizen): void {
  refuse(ctx, citizen, "open");
}

/** New processing (screen, share, place) of a restricted citizen: refused for everyone. */
export function assertMayProcess(ctx: Ctx, citizen: RestrictableCitizen): void {
  refuse(ctx, citizen, "process");
}
