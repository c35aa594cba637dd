/** Rewrites the figure-definition tables in docs/REPORTS.md from the reports i18n (the one source). */
import { readFileSync, writeFileSync } from "node:fs";
import { DEFINITIONS_END, DEFINITIONS_START, definitionsMarkdown } from "../src/shared/report-definitions.js";

const json = (lang: string) => JSON.parse(readFileSync(`src/web/i18n/reports.${lang}.json`, "utf8"));
const path = "docs/REPORTS.md";
const doc = readFileSync(path, "utf8");
const start = doc.indexOf(DEFINITIONS_START);
const end = doc.indexOf(DEFINITIONS_END);
if (start < 0 || end < 0) throw new Error(`${path} lacks the definition markers`);
writeFileSync(
  path,
  doc.slice(0, start) + definitionsMarkdown(json("da"), json("en")) + doc.slice(end + DEFINITIONS_END.length),
);
