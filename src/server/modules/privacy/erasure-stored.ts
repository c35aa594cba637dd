/**
 * What a citizen leaves outside their own tables: the stored answers of writes
 * (`idempotency_keys.response_body`: a created citizen, a contact, a referral, a registered clip…
 * with names, addresses, notes) and the search terms on the audit trail that found them.
 *
 * A stored answer concerns the citizen when its JSON holds the id of the citizen or of any of the
 * citizen's rows (every answer about a citizen's data names the row it wrote, and the row's id is a
 * random UUID, so a match is never by chance), or the citizen's CPR (plain or masked), full name or
 * address (answers that name the citizen without an id of theirs). The replacement itself is the
 * platform's (platform/stored-answers.ts).
 */
import { and, sql } from "drizzle-orm";
import { maskCpr } from "../../../domain/cpr.js";
import type { DbOrTx } from "../../db/client.js";
import { auditEvents } from "../../db/schema/index.js";
import {
  countStoredAnswers as countStoredAnswersHolding,
  replaceStoredAnswers as replaceStoredAnswersHolding,
} from "../../platform/stored-answers.js";
import { inTenant } from "../../platform/tenancy.js";
import { type CitizenRecord, type Inventory, auditSearchTermsOf } from "./erasure-inventory.js";

/** What identifies the citizen in a stored answer (see the file comment). */
export function identifyingStrings(inventory: Inventory): string[] {
  const c = inventory.citizen;
  const ids = Object.values(inventory.ids).flat();
  // An anonymised citizen's register row holds only stand-ins: their rows' ids are what is left.
  const strings = c.anonymisedAt
    ? []
    : [c.cpr, maskCpr(c.cpr), `${c.firstName} ${c.lastName}`, c.addressLine];
  const text = strings.filter(
    // Too short to be the citizen's rather than anyone's (an empty address of an anonymised citizen).
    (s) => s.trim().length >= 6,
  );
  return [...new Set([...ids, ...text])];
}

/** How many stored answers of the municipality's users concern the citizen (for the preview). */
export function countStoredAnswers(tx: DbOrTx, inventory: Inventory): Promise<number> {
  return countStoredAnswersHolding(tx, inventory.citizen.municipalityId, identifyingStrings(inventory));
}

/** Replaces those answers by the "removed" refusal (platform/stored-answers.ts); answers how many. */
export function replaceStoredAnswers(tx: DbOrTx, inventory: Inventory): Promise<number> {
  return replaceStoredAnswersHolding(tx, inventory.citizen.municipalityId, identifyingStrings(inventory));
}

/** Removes the search terms from the audit rows that name the citizen; answers how many rows. */
export async function clearAuditSearchTerms(tx: DbOrTx, citizen: CitizenRecord): Promise<number> {
  const rows = await tx
    .update(auditEvents)
    .set({ criterion: sql`${auditEvents.criterion} - 'q'` })
    .where(and(inTenant(auditEvents, citizen.municipalityId), auditSearchTermsOf(citizen.id)))
    .returning({ id: auditEvents.id });
  return rows.length;
}
