/**
 * The right of access (GDPR art. 15): everything Broen holds about one citizen, produced for an
 * administrator to hand over, and itself put on the citizen's audit trail.
 *
 * One consistent snapshot: the route declares `snapshot`, so its one transaction begins REPEATABLE
 * READ (platform/tenant-isolation.ts), and the twenty-odd reads below see the database as of one moment — a clip registered
 * or a note written while the export runs is either in every part of it or in none (under READ
 * COMMITTED a course could show a grant whose clips were read a moment earlier).
 *
 * The CPR number is shown in full. It is the citizen's own data, the export is made on their request
 * for them, and art. 15(3) asks for a copy of the data itself — a masked number would not let them
 * check that the right number is registered. The file is handled accordingly: only administrators
 * make it, the making is logged, and neither the URL nor the file name carries the number or name.
 */
import { copenhagenDate } from "../../../domain/time.js";
import type { AccessExport } from "../../../shared/api/privacy-access.js";
import type { Tx } from "../../db/client.js";
import { audit } from "../../platform/audit.js";
import type { Ctx } from "../../platform/context.js";
import { auditTrailForAccessExport, loadCitizenFor, registerValues } from "../citizens/index.js";
import { collectCitizenData, collectNames } from "./access-export-collect.js";
import { collectCourseData } from "./access-export-collect-course.js";
import { collectCareRecordData } from "./access-export-care-record.js";
import { collectMessagingData } from "./access-export-messaging.js";
import { collectConsentData } from "./access-export-consents.js";
import { presentAccessExport } from "./access-export-present.js";
import { presenting, wordingFor } from "./access-export-words.js";

/** The columns of the collected rows that point at a member of staff (users.id). */
const STAFF_COLUMNS: ReadonlySet<string> = new Set([
  "userId",
  "changedBy",
  "restrictedBy",
  "liftedBy",
  "performedBy",
  "authorUserId",
  "decidedBy",
  "workerUserId",
  "grantedBy",
  "createdBy",
  "actorUserId",
  "coordinatorUserId",
  "fromUserId",
  "toUserId",
  "recordedBy",
  "assessedBy",
  "plannedBy",
  "registeredBy",
  "answeredBy",
  "consentWithdrawnBy",
  "hostUserId",
]);

/** Every staff id the rows point at (rows, rows nested in a join's result, lists of them). */
function staffIds(value: unknown, out: Set<string>, depth = 0): Set<string> {
  if (depth > 4 || value === null || typeof value !== "object" || value instanceof Date) return out;
  if (value instanceof Map) return out;
  if (Array.isArray(value)) {
    for (const v of value) staffIds(v, out, depth + 1);
    return out;
  }
  for (const [key, v] of Object.entries(value)) {
    if (STAFF_COLUMNS.has(key) && typeof v === "string") out.add(v);
    else staffIds(v, out, depth + 1);
  }
  return out;
}

/** The export of one citizen (404 outside the municipality, 403 for anyone but an administrator). */
export async function produceAccessExport(
  tx: Tx,
  ctx: Ctx,
  citizenId: string,
  now: Date = new Date(),
): Promise<AccessExport> {
  const row = await loadCitizenFor(tx, ctx, citizenId, "citizen.accessExport");
  const citizen = await collectCitizenData(tx, ctx, citizenId);
  const course = await collectCourseData(tx, ctx, citizenId);
  const careRecord = await collectCareRecordData(tx, ctx, citizenId, citizen.citizen.cpr);
  const messaging = await collectMessagingData(tx, ctx, citizenId);
  const consents = await collectConsentData(tx, ctx, citizenId);
  // Read before this export's own row is written: the trail shows what happened until now.
  const trail = await auditTrailForAccessExport(tx, ctx, row);
  const names = await collectNames(tx, ctx, [
    ctx.actor.userId,
    ...staffIds({ citizen, course, careRecord, consents }, new Set()),
  ]);
  const document = presentAccessExport(presenting(wordingFor(ctx.lang), names), {
    producedAt: now,
    producedBy: ctx.actor.userId,
    citizen,
    course,
    careRecord,
    messaging,
    consents,
    trail,
    current: registerValues(row),
  });
  await audit(tx, ctx, { action: "export", entityType: "access_export", entityId: citizenId, citizenId });
  return document;
}

/** The file's name: the day and a short id — never the citizen's name or CPR number. */
export function accessExportFileName(citizenId: string, now: Date = new Date()): string {
  return `broen-indsigt-${copenhagenDate(now)}-${citizenId.slice(0, 8)}.json`;
}
