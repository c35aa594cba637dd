/**
 * The diff rule of an import (issue 14, decision 0098): each record of the source against the
 * register → new | changed | ended | unchanged | unmatched (with the reason and the field). Pure:
 * the server loads the register and the municipality's organisations and districts, this decides.
 *
 *  - new: not in the register and in home care (with name and address — a citizen is created only
 *    when the register can hold them; a citizen out of home care is not registered: minimisation);
 *  - changed: a register field differs (home care starting again included: target group entered);
 *  - ended: home care ended (all interventions closed, or a planned end that has passed; in a
 *    complete import also a citizen in home care whom the file does not name);
 *  - unchanged: the source says what the register holds — so a re-import changes nothing;
 *  - unmatched: the parser's problems, and an unknown provider or district, a provider of another
 *    municipality, an anonymised or restricted citizen.
 */
import type { ImportContact, ImportRecord, ImportScope, ParsedSource, UnmatchedReason } from "./records.js";

/** The register's view of one citizen, as the diff compares it. */
export interface RegisterCitizen {
  id: string;
  cpr: string;
  firstName: string;
  lastName: string;
  addressLine: string;
  postalCode: string;
  city: string;
  phone: string | null;
  providerOrganisationId: string | null;
  districtId: string | null;
  homeCareSince: string | null;
  homeCareEndedOn: string | null;
  anonymised: boolean;
  restricted: boolean;
  /** The citizen's relatives (contacts of kind relative), when the source names contacts. */
  relatives?: readonly ImportContact[] | undefined;
}

/** The register fields an import writes (API field names). */
export interface RegisterChange {
  firstName?: string;
  lastName?: string;
  addressLine?: string;
  postalCode?: string;
  city?: string;
  phone?: string | null;
  providerId?: string | null;
  districtId?: string | null;
  homeCareSince?: string | null;
  homeCareEndedOn?: string | null;
  contacts?: readonly ImportContact[];
}

export type DiffRow =
  | {
      rowNo: number;
      outcome: "new";
      record: ImportRecord;
      create: Required<Omit<RegisterChange, "contacts">> & { contacts: readonly ImportContact[] };
    }
  | {
      rowNo: number;
      outcome: "changed" | "ended";
      record: ImportRecord | null;
      citizenId: string;
      change: RegisterChange;
      /** { field: [old, new] } for the preview. */
      changes: Record<string, [unknown, unknown]>;
    }
  | { rowNo: number; outcome: "unchanged"; record: ImportRecord; citizenId: string }
  | {
      rowNo: number;
      outcome: "unmatched";
      record: ImportRecord | null;
      citizenId: string | null;
      reason: UnmatchedReason;
      field: string | null;
      cpr: string | null;
    };

export interface DiffContext {
  scope: ImportScope;
  /** Today in Europe/Copenhagen: a planned end on or before it has passed. */
  today: string;
  /** The register of the municipality by CPR (normalised). */
  register: ReadonlyMap<string, RegisterCitizen>;
  /** The municipality's provider organisations by SOR code. */
  providersBySor: ReadonlyMap<string, string>;
  /** SOR codes of organisations in other municipalities (public facts, not personal data). */
  foreignSors: ReadonlySet<string>;
  /** The municipality's districts by lower-cased name. */
  districtsByName: ReadonlyMap<string, string>;
}

const REGISTER_TEXT = ["firstName", "lastName", "addressLine", "postalCode", "city"] as const;

function sameContacts(a: readonly ImportContact[], b: readonly ImportContact[]): boolean {
  if (a.length !== b.length) return false;
  const key = (c: ImportContact) => `${c.name}\u0000${c.relation ?? ""}\u0000${c.phone ?? ""}`;
  const x = a.map(key).sort();
  const y = b.map(key).sort();
  return x.every((k, i) => k === y[i]);
}

/** The home care a record asks for: since (open) or ended on; undefined when it says nothing. */
function targetHomeCare(
  r: ImportRecord,
  existing: RegisterCitizen | null,
  today: string,
): { since: string | null; endedOn: string | null } | undefined {
  const hc = r.homeCare;
  if (!hc) return undefined;
  if (hc.since !== null && (hc.endsOn === null || hc.endsOn > today))
    return { since: hc.since, endedOn: null };
  const endedOn = hc.since !== null ? hc.endsOn : hc.endedOn;
  // Ended with no date the source gives: the day the register learnt it (or the day it already holds).
  return { since: null, endedOn: endedOn ?? existing?.homeCareEndedOn ?? today };
}

export function diffImport(parsed: ParsedSource, ctx: DiffContext): DiffRow[] {
  const rows: DiffRow[] = [];
  const named = new Set<string>();
  let fileUnreadable = false;
  // A row whose CPR could not be read could be anyone's: absence from the file proves nothing then.
  let someoneUnidentified = false;
  for (const p of parsed.problems) {
    if (p.cpr) named.add(p.cpr);
    else someoneUnidentified = true;
    if (p.rowNo === 0) fileUnreadable = true;
    const existing = p.cpr ? ctx.register.get(p.cpr) : undefined;
    rows.push({
      rowNo: p.rowNo,
      outcome: "unmatched",
      record: null,
      citizenId: existing && !existing.anonymised ? existing.id : null,
      reason: p.reason,
      field: p.field,
      cpr: p.cpr ?? null,
    });
  }
  for (const r of parsed.records) {
    named.add(r.cpr);
    rows.push(diffRecord(r, ctx));
  }
  // A complete import names the whole home-care population: whoever it leaves out has left home care.
  // Not when the file could not be read at all — an unreadable file must not end everyone's home care —
  // nor when a row's CPR could not be read: that citizen may be any of the absent ones (a file of bad
  // rows would otherwise end the home care of everyone it failed to name). Fix the rows and import again.
  if (ctx.scope === "complete" && !fileUnreadable && !someoneUnidentified) {
    // (a loop, not Math.max(...rows): 130,000 arguments overflow the stack)
    let rowNo = 0;
    for (const r of parsed.records) if (r.rowNo > rowNo) rowNo = r.rowNo;
    for (const p of parsed.problems) if (p.rowNo > rowNo) rowNo = p.rowNo;
    const absent = [...ctx.register.values()]
      .filter((c) => c.homeCareSince !== null && !c.anonymised && !named.has(c.cpr))
      .sort((a, b) => (a.cpr < b.cpr ? -1 : a.cpr > b.cpr ? 1 : 0));
    for (const c of absent) {
      rowNo += 1;
      if (c.restricted) {
        rows.push({
          rowNo,
          outcome: "unmatched",
          record: null,
          citizenId: c.id,
          reason: "restricted",
          field: null,
          cpr: c.cpr,
        });
        continue;
      }
      const endedOn = ctx.today;
      rows.push({
        rowNo,
        outcome: "ended",
        record: null,
        citizenId: c.id,
        change: { homeCareSince: null, homeCareEndedOn: endedOn },
        changes: { homeCareSince: [c.homeCareSince, null], homeCareEndedOn: [c.homeCareEndedOn, endedOn] },
      });
    }
  }
  rows.sort((a, b) => a.rowNo - b.rowNo);
  return rows;
}

function unmatched(
  r: ImportRecord,
  reason: UnmatchedReason,
  field: string | null,
  citizenId: string | null,
): DiffRow {
  return { rowNo: r.rowNo, outcome: "unmatched", record: r, citizenId, reason, field, cpr: r.cpr };
}

function diffRecord(r: ImportRecord, ctx: DiffContext): DiffRow {
  const existing = ctx.register.get(r.cpr) ?? null;
  if (existing?.anonymised) return unmatched(r, "anonymised", null, null);
  if (existing?.restricted) return unmatched(r, "restricted", null, existing.id);
  const citizenId = existing?.id ?? null;
  const homeCare = targetHomeCare(r, existing, ctx.today);
  // Nobody to register: what else the row says does not matter.
  if (!existing && (!homeCare || homeCare.since === null))
    return unmatched(r, "not_in_home_care", "homeCare", null);

  let providerId: string | null | undefined;
  if (r.providerSor !== undefined) {
    if (r.providerSor === null) providerId = null;
    else {
      providerId = ctx.providersBySor.get(r.providerSor);
      if (providerId === undefined)
        return unmatched(
          r,
          ctx.foreignSors.has(r.providerSor) ? "other_municipality" : "unknown_provider",
          "providerSor",
          citizenId,
        );
    }
  }
  let districtId: string | null | undefined;
  if (r.district !== undefined) {
    if (r.district === null) districtId = null;
    else {
      districtId = ctx.districtsByName.get(r.district.trim().toLowerCase());
      if (districtId === undefined) return unmatched(r, "unknown_district", "district", citizenId);
    }
  }
  if (!existing) {
    const since = homeCare?.since;
    if (!since) return unmatched(r, "not_in_home_care", "homeCare", null);
    for (const f of REGISTER_TEXT) if (r[f] === undefined) return unmatched(r, "missing_value", f, null);
    return {
      rowNo: r.rowNo,
      outcome: "new",
      record: r,
      create: {
        firstName: r.firstName!,
        lastName: r.lastName!,
        addressLine: r.addressLine!,
        postalCode: r.postalCode!,
        city: r.city!,
        phone: r.phone ?? null,
        providerId: providerId ?? null,
        districtId: districtId ?? null,
        homeCareSince: since,
        homeCareEndedOn: null,
        contacts: r.contacts ?? [],
      },
    };
  }

  const change: RegisterChange = {};
  const changes: Record<string, [unknown, unknown]> = {};
  const set = <K extends keyof RegisterChange>(
    field: K,
    old: unknown,
    value: RegisterChange[K] | undefined,
  ) => {
    if (value === undefined || value === old) return;
    change[field] = value;
    changes[field] = [old, value];
  };
  for (const f of REGISTER_TEXT) set(f, existing[f], r[f]);
  set("phone", existing.phone, r.phone);
  set("providerId", existing.providerOrganisationId, providerId);
  set("districtId", existing.districtId, districtId);
  if (homeCare) {
    set("homeCareSince", existing.homeCareSince, homeCare.since);
    // Out of home care already: the day it ended is not rewritten by a later file saying "ended".
    if (!(homeCare.since === null && existing.homeCareSince === null && existing.homeCareEndedOn !== null))
      set("homeCareEndedOn", existing.homeCareEndedOn, homeCare.endedOn);
  }
  if (r.contacts !== undefined && !sameContacts(existing.relatives ?? [], r.contacts)) {
    change.contacts = r.contacts;
    changes.contacts = [(existing.relatives ?? []).map((c) => c.name), r.contacts.map((c) => c.name)];
  }
  if (Object.keys(change).length === 0)
    return { rowNo: r.rowNo, outcome: "unchanged", record: r, citizenId: existing.id };
  const ended = existing.homeCareSince !== null && change.homeCareSince === null;
  return {
    rowNo: r.rowNo,
    outcome: ended ? "ended" : "changed",
    record: r,
    citizenId: existing.id,
    change,
    changes,
  };
}

/** Counts per outcome, as a run keeps them. */
export function countOutcomes(
  rows: readonly { outcome: DiffRow["outcome"] }[],
): Record<DiffRow["outcome"], number> {
  const counts = { new: 0, changed: 0, ended: 0, unchanged: 0, unmatched: 0 };
  for (const r of rows) counts[r.outcome] += 1;
  return counts;
}
