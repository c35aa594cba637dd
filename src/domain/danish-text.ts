/**
 * Danish alphabetical order without relying on the database's collation
 * (PGlite has no Danish collation; PostgreSQL servers may lack ICU da-DK).
 * The key sorts correctly under the byte-wise "C" collation on both:
 * æ, ø, å come after z, and a double "aa" is å (Aagaard after Zacho), as
 * Retskrivningsordbogen prescribes for names.
 */
const LATE_LETTERS: Record<string, string> = { æ: "{", ø: "|", å: "}" };
const FOLD: Record<string, string> = {
  ä: "æ",
  ö: "ø",
  ü: "y",
  é: "e",
  è: "e",
  ê: "e",
  á: "a",
  à: "a",
  ó: "o",
  í: "i",
  ú: "u",
};

export function danishSortKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[äöüéèêáàóíú]/g, (c) => FOLD[c] ?? c)
    .replace(/aa/g, "å")
    .replace(/[æøå]/g, (c) => LATE_LETTERS[c] ?? c);
}

export const danishCollator = new Intl.Collator("da");

/** Lower-cased text a free-text search matches against. */
export function searchText(...parts: (string | null | undefined)[]): string {
  return parts
    .filter((p): p is string => Boolean(p))
    .join(" ")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** Splits a query into words, each matched as a substring (LIKE metacharacters escaped). */
export function searchWords(query: string): string[] {
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 8)
    .map((w) => w.replace(/[\\%_]/g, (c) => `\\${c}`));
}
