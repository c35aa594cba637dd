/**
 * The CSV format of the home-care population (issue 14, decision 0098), for municipalities
 * without a FHIR endpoint: one citizen per line, a header line naming the columns (English or
 * Danish names, any order), separated by semicolons (as Danish Excel saves) or commas, UTF-8
 * with or without a BOM. Parsed with csv-parse (quoting, embedded separators and line breaks).
 *
 * A line that cannot be read (a wrong number of cells, an invalid CPR or date) is an unmatched
 * row with the reason and the column; an unknown column or a file without the cpr column makes
 * the whole file unreadable (a typo in a header must not silently drop a column).
 */
import { parse } from "csv-parse/sync";
import { parseCpr } from "../../cpr.js";
import { isFsiiiIntervention } from "./codes.js";
import {
  type ImportContact,
  type ImportRecord,
  MAX_IMPORT_ROWS,
  type ParsedSource,
  type RowProblem,
  dropDuplicateCprs,
  fieldProblem,
  isCalendarDate,
} from "./records.js";

/** The columns, by their English name; `da` is the Danish name accepted as well. */
export const CSV_COLUMNS = [
  { name: "cpr", da: "cpr", required: true },
  { name: "first_name", da: "fornavn" },
  { name: "last_name", da: "efternavn" },
  { name: "address", da: "adresse" },
  { name: "postal_code", da: "postnummer" },
  { name: "city", da: "by" },
  { name: "phone", da: "telefon" },
  { name: "provider_sor", da: "leverandoer_sor" },
  { name: "district", da: "distrikt" },
  { name: "home_care_since", da: "hjemmepleje_fra" },
  { name: "home_care_ended", da: "hjemmepleje_til" },
  { name: "interventions", da: "indsatser" },
  { name: "contact_name", da: "kontakt_navn" },
  { name: "contact_relation", da: "kontakt_relation" },
  { name: "contact_phone", da: "kontakt_telefon" },
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number]["name"];

/** A record field's column, so a refusal names the column the administrator wrote. */
const COLUMN_OF: Record<string, CsvColumn> = {
  firstName: "first_name",
  lastName: "last_name",
  addressLine: "address",
  postalCode: "postal_code",
  city: "city",
  phone: "phone",
  providerSor: "provider_sor",
  district: "district",
  homeCareSince: "home_care_since",
  homeCareEnds: "home_care_ended",
  homeCareEnded: "home_care_ended",
  contacts: "contact_name",
};

const BY_HEADER = new Map<string, CsvColumn>(
  CSV_COLUMNS.flatMap((c) => [
    [c.name, c.name],
    [c.da, c.name],
  ]),
);

/** A date as YYYY-MM-DD, or the Danish DD-MM-YYYY / DD.MM.YYYY. null: not a date. */
export function csvDate(v: string): string | null {
  const s = v.trim();
  const dk = /^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$/.exec(s);
  const iso = dk ? `${dk[3]}-${dk[2]!.padStart(2, "0")}-${dk[1]!.padStart(2, "0")}` : s;
  return isCalendarDate(iso) ? iso : null;
}

function unreadable(field: string): ParsedSource {
  return { records: [], problems: [{ rowNo: 0, reason: "malformed", field }] };
}

export function parseCsv(content: string): ParsedSource {
  const text = content.replace(/^\uFEFF/, "");
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = firstLine.split(";").length >= firstLine.split(",").length ? ";" : ",";
  let lines: { record: string[]; info: { lines: number } }[];
  try {
    lines = parse(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
      to: MAX_IMPORT_ROWS + 2,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch {
    return unreadable("file");
  }
  const [header, ...body] = lines;
  if (!header) return unreadable("file");
  if (body.length > MAX_IMPORT_ROWS) return unreadable("file");
  const columns: CsvColumn[] = [];
  for (const h of header.record) {
    const c = BY_HEADER.get(h.trim().toLowerCase());
    if (!c || columns.includes(c)) return unreadable(h.trim().slice(0, 60) || "header");
    columns.push(c);
  }
  if (!columns.includes("cpr")) return unreadable("cpr");

  const records: ImportRecord[] = [];
  const problems: RowProblem[] = [];
  for (const { record: cells, info } of body) {
    const rowNo = info.lines;
    if (cells.length !== columns.length) {
      problems.push({ rowNo, reason: "malformed", field: "line" });
      continue;
    }
    const row = new Map<CsvColumn, string>(columns.map((c, i) => [c, cells[i] ?? ""]));
    const r = recordOf(row, rowNo);
    if ("reason" in r) problems.push(r);
    else {
      const bad = fieldProblem(r);
      if (bad)
        problems.push({ rowNo, reason: bad.reason, field: COLUMN_OF[bad.field] ?? bad.field, cpr: r.cpr });
      else records.push(r);
    }
  }
  return dropDuplicateCprs({ records, problems });
}

function recordOf(row: ReadonlyMap<CsvColumn, string>, rowNo: number): ImportRecord | RowProblem {
  const rawCpr = row.get("cpr") ?? "";
  if (rawCpr === "") return { rowNo, reason: "missing_value", field: "cpr" };
  const cpr = parseCpr(rawCpr);
  if (!cpr.ok) return { rowNo, reason: "invalid_cpr", field: "cpr" };
  const problem = (reason: RowProblem["reason"], field: CsvColumn): RowProblem => ({
    rowNo,
    reason,
    field,
    cpr: cpr.cpr,
  });

  const r: ImportRecord = { rowNo, cpr: cpr.cpr, birthDate: cpr.birthDate };
  /** A text column: absent or empty → the register keeps its value. */
  const text = (c: CsvColumn) => {
    const v = row.get(c);
    return v ? v : undefined;
  };
  /** A column where empty means "none". */
  const nullable = (c: CsvColumn) => (row.has(c) ? row.get(c) || null : undefined);
  r.firstName = text("first_name");
  r.lastName = text("last_name");
  r.addressLine = text("address");
  r.postalCode = text("postal_code");
  r.city = text("city");
  r.phone = nullable("phone");
  r.providerSor = nullable("provider_sor");
  r.district = nullable("district");

  if (row.has("home_care_since") || row.has("home_care_ended")) {
    const sinceRaw = row.get("home_care_since") ?? "";
    const endedRaw = row.get("home_care_ended") ?? "";
    const since = sinceRaw ? csvDate(sinceRaw) : null;
    const ended = endedRaw ? csvDate(endedRaw) : null;
    if (sinceRaw && !since) return problem("invalid_date", "home_care_since");
    if (endedRaw && !ended) return problem("invalid_date", "home_care_ended");
    if (!since && !ended) return problem("missing_value", "home_care_since");
    if (since && ended && ended < since) return problem("invalid_date", "home_care_ended");
    r.homeCare = since
      ? { since, endsOn: ended, endedOn: null }
      : { since: null, endsOn: null, endedOn: ended };
  }
  const interventions = row.get("interventions");
  if (interventions) {
    const codes = interventions.split(/[\s,|]+/).filter(Boolean);
    if (!codes.every(isFsiiiIntervention)) return problem("unknown_fsiii_code", "interventions");
    r.interventions = codes;
  }

  if (row.has("contact_name")) {
    const name = row.get("contact_name") ?? "";
    const contacts: ImportContact[] = name
      ? [{ name, relation: row.get("contact_relation") || null, phone: row.get("contact_phone") || null }]
      : [];
    r.contacts = contacts;
  }
  for (const k of Object.keys(r) as (keyof ImportRecord)[]) if (r[k] === undefined) delete r[k];
  return r;
}
