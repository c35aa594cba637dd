import { type Action, can } from "../../domain/access-policy.js";
import type { Ctx } from "./context.js";
import { AppError } from "./errors.js";

/**
 * The server's door to the policy module. 404 outside the caller's
 * municipality (its existence is not ours to reveal), 403 inside it.
 */
export function authorize(ctx: Pick<Ctx, "actor">, action: Action): void {
  const decision = can(ctx.actor, action);
  if (decision.allowed) return;
  if (decision.reason === "tenant") throw AppError.notFound();
  throw AppError.forbidden();
}

/**
 * The role gate a declared route runs before its handler: may the caller's role do this action to
 * anything at all? It asks the policy with the most favourable resource there is — a citizen of the
 * caller's own municipality served by the caller's own organisation, the caller's own referral,
 * day, district and host — so only the role decides; the service then checks the real resource
 * with authorize(). Several kinds: any one suffices (a route serving two kinds of caller).
 */
export function authorizeRole(ctx: Pick<Ctx, "actor">, kinds: readonly Action["kind"][]): void {
  const { actor } = ctx;
  const citizen = { municipalityId: actor.municipalityId, providerOrganisationId: actor.organisationId };
  const mostFavourable = {
    citizen,
    referral: {
      municipalityId: actor.municipalityId,
      fromOrganisationId: actor.organisationId,
      createdBy: actor.userId,
    },
    // An exception is the manager's way to register a planned clip; for every other role it changes nothing.
    clip: { citizen, providerOrganisationId: actor.organisationId, asException: true },
    workerUserId: actor.userId,
    managedByOrganisationId: actor.organisationId,
    toOrganisationId: actor.organisationId,
    hostUserId: actor.userId,
  };
  // `can` reads only the fields of the kind it is asked about; the others are ignored.
  const decisions = kinds.map((kind) => can(actor, { kind, ...mostFavourable } as Action));
  if (decisions.some((d) => d.allowed)) return;
  if (decisions.some((d) => !d.allowed && d.reason === "tenant")) throw AppError.notFound();
  throw AppError.forbidden();
}
