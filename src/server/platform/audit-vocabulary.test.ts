/**
 * No raw codes in front of people (issue 11 point 16): every audit action, entity type and
 * criterion key the server can record, and every timeline code it can produce, has words in
 * Danish and English. The lists come from the code's own vocabulary (the unions in audit.ts and
 * timeline.ts), so a new one without i18n entries fails here.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { TIMELINE_KINDS } from "../../domain/course/vocabulary.js";
import { ROLES } from "../../domain/vocabulary/organisation.js";
import { TIMELINE_CODES } from "../modules/courses/timeline.js";
import { AUDIT_ACTIONS, AUDIT_CRITERION_KEYS, AUDIT_ENTITY_TYPES } from "./audit.js";

const LANGS = ["da", "en"] as const;
const load = (file: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../web/i18n/${file}`, import.meta.url), "utf8"));
/** Roles and the audit vocabulary: shared, because the server's CSV writes them in words too. */
const loadWords = (lang: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../shared/i18n/words.${lang}.json`, import.meta.url), "utf8"));

/** The text at a dotted path, or undefined when missing or not a string. */
function text(tree: unknown, path: string): string | undefined {
  let node: unknown = tree;
  for (const part of path.split("."))
    node = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === "string" && node.trim() !== "" ? node : undefined;
}

function missing(tree: unknown, prefix: string, codes: readonly string[]): string[] {
  return codes.filter((c) => text(tree, `${prefix}.${c}`) === undefined);
}

describe.each(LANGS)("words for codes (%s)", (lang) => {
  const common = loadWords(lang);
  const courses = load(`courses.${lang}.json`);

  it("names every audit action, entity type and criterion key", () => {
    expect(missing(common, "audit.actions", AUDIT_ACTIONS)).toEqual([]);
    expect(missing(common, "audit.entities", AUDIT_ENTITY_TYPES)).toEqual([]);
    expect(missing(common, "audit.criterion", AUDIT_CRITERION_KEYS)).toEqual([]);
    expect(missing(common, "roles", ROLES)).toEqual([]);
  });

  it("words every timeline code, and every timeline kind has codes", () => {
    expect(missing(courses, "timeline", TIMELINE_CODES)).toEqual([]);
    const kinds = new Set(TIMELINE_CODES.map((c) => c.split(".")[0]));
    expect(TIMELINE_KINDS.filter((k) => !kinds.has(k))).toEqual([]);
  });
});
