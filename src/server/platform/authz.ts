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
