import type { Actor } from "../../domain/access-policy.js";
import type { Lang } from "./messages.js";

/** What a service needs to know about the caller: who, and from where (for the audit trail). */
export interface Ctx {
  actor: Actor;
  ip: string;
  userAgent: string | null;
  lang: Lang;
}
