/**
 * The definitions of the report figures are written once, in the reports i18n
 * (`definitions.status.*`, `definitions.funnel.*`, Danish and English) — the web's help text
 * reads them there. docs/REPORTS.md carries the same text as a table, rendered by this function
 * (`npm run docs:definitions` rewrites it; report-definitions.test.ts fails when the two differ).
 */
type Lang = {
  status: { row: Record<string, string> };
  funnel: { step: Record<string, string>; col: Record<string, string> };
  definitions: { status: Record<string, string>; funnel: Record<string, string> };
};

export const DEFINITIONS_START =
  "<!-- figure definitions: generated from src/web/i18n/reports.*.json by npm run docs:definitions -->";
export const DEFINITIONS_END = "<!-- end of figure definitions -->";

const cell = (s: string) => s.replaceAll("|", "\\|");

export function definitionsMarkdown(da: Lang, en: Lang): string {
  const table = (
    title: string,
    keys: string[],
    label: (l: Lang, k: string) => string,
    def: (l: Lang, k: string) => string,
  ) => [
    `### ${title}`,
    "",
    "| key | figure (da) | definition (da) | definition (en) |",
    "|---|---|---|---|",
    ...keys.map((k) => `| \`${k}\` | ${cell(label(da, k))} | ${cell(def(da, k))} | ${cell(def(en, k))} |`),
    "",
  ];
  const statusKeys = Object.keys(da.definitions.status);
  const funnelKeys = Object.keys(da.definitions.funnel);
  return [
    DEFINITIONS_START,
    "",
    ...table(
      "Status report",
      statusKeys,
      (l, k) => l.status.row[k] ?? k,
      (l, k) => l.definitions.status[k] ?? "",
    ),
    ...table(
      "Funnel",
      funnelKeys,
      (l, k) => l.funnel.step[k] ?? l.funnel.col[k] ?? k,
      (l, k) => l.definitions.funnel[k] ?? "",
    ),
    DEFINITIONS_END,
  ].join("\n");
}
