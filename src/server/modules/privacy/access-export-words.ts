/**
 * The words of the access export: every code a row holds becomes what the citizen reads, in the
 * caller's language (the values in src/shared/i18n/access-export.*.json, roles and the audit
 * vocabulary in words.*.json — the same words the audit trail's CSV uses).
 */
import type { Lang } from "../../platform/messages.js";
import exportDa from "../../../shared/i18n/access-export.da.json" with { type: "json" };
import exportEn from "../../../shared/i18n/access-export.en.json" with { type: "json" };
import wordsDa from "../../../shared/i18n/words.da.json" with { type: "json" };
import wordsEn from "../../../shared/i18n/words.en.json" with { type: "json" };
import { copenhagenDateTime } from "../../../domain/time.js";
import type { ExportStaff } from "../../../shared/api/privacy-access.js";

type ExportWords = typeof exportDa;
/** The groups of codes → words (everything in the file but the yes/no words). */
export type WordGroup = {
  [K in keyof ExportWords]: ExportWords[K] extends string ? never : K;
}[keyof ExportWords];

interface SharedWords {
  roles: Record<string, string>;
  audit: {
    actions: Record<string, string>;
    entities: Record<string, string>;
    criterion: Record<string, string>;
    values: Record<string, string>;
    actors: Record<string, string>;
  };
}

/** A member of staff as the rows know them: the id a row points at, resolved to a name and role. */
export interface StaffRow {
  name: string;
  role: string;
}

export interface Wording {
  lang: Lang;
  /** A code in words; an old code the list no longer has stays as it is, never dropped. */
  word(group: WordGroup, code: string): string;
  /** Like word(), for a column that may be empty. */
  maybe(group: WordGroup, code: string | null | undefined): string | null;
  yesNo(value: boolean): string;
  role(code: string | null | undefined): string;
  audit(part: keyof SharedWords["audit"], code: string): string;
  /** Text a municipality wrote in Danish and maybe English (questionnaires, guides). */
  local(text: { da: string; en?: string | null | undefined } | null | undefined): string | null;
  /** `{{name}}` placeholders filled in (the rules a grant beyond the frame broke). */
  fill(template: string, values: Record<string, unknown>): string;
}

export function wordingFor(lang: Lang): Wording {
  const words = (lang === "en" ? exportEn : exportDa) as unknown as Record<string, Record<string, string>> & {
    yes: string;
    no: string;
  };
  const shared = (lang === "en" ? wordsEn : wordsDa) as SharedWords;
  const word = (group: WordGroup, code: string) => words[group]?.[code] ?? code;
  return {
    lang,
    word,
    maybe: (group, code) => (code === null || code === undefined ? null : word(group, code)),
    yesNo: (value) => (value ? words.yes : words.no),
    role: (code) => (code ? (shared.roles[code] ?? code) : ""),
    audit: (part, code) => shared.audit[part][code] ?? code,
    local: (text) => (text ? (lang === "en" && text.en ? text.en : text.da) : null),
    fill: (template, values) =>
      template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key] ?? "")),
  };
}

/** An instant in Copenhagen time (ISO 8601 with offset). */
export function at(instant: Date): string {
  return copenhagenDateTime(instant);
}

export function atOrNull(instant: Date | null | undefined): string | null {
  return instant ? copenhagenDateTime(instant) : null;
}

/** What presenting needs besides the rows: the words, and the names the rows point at. */
export interface Presenting {
  w: Wording;
  names: {
    staff: ReadonlyMap<string, StaffRow>;
    organisations: ReadonlyMap<string, string>;
    districts: ReadonlyMap<string, string>;
    municipality: string;
  };
  staff: (id: string | null | undefined) => ExportStaff | null;
  org: (id: string | null | undefined) => string | null;
}

export function presenting(w: Wording, names: Presenting["names"]): Presenting {
  return {
    w,
    names,
    staff: staffNamer(names.staff, w),
    org: (id) => (id ? (names.organisations.get(id) ?? null) : null),
  };
}

/** Resolves the staff a row points at; a user id that is not found is shown as unknown, never as the id. */
export function staffNamer(
  people: ReadonlyMap<string, StaffRow>,
  w: Wording,
): (id: string | null | undefined) => ExportStaff | null {
  return (id) => {
    if (!id) return null;
    const p = people.get(id);
    return p ? { name: p.name, role: w.role(p.role) } : { name: "?", role: "" };
  };
}
