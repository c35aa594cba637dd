/**
 * Every report as CSV (semicolon-free: comma separated, UTF-8 with BOM so Excel reads æøå) and
 * all of them as one Excel workbook (write-excel-file: one small dependency, no native parts).
 * Exports are audited as exports.
 */
import { stringify } from "csv-stringify/sync";
import writeXlsxFile, { type SheetData } from "write-excel-file/node";
import { neutraliseCell, neutraliseRows } from "../../../domain/spreadsheet-cell.js";
import type { ExportedReport } from "../../../domain/vocabulary/reports.js";
import type { ReportQuery } from "../../../shared/api/reports.js";
import type { DbOrTx } from "../../db/client.js";
import { audit } from "../../platform/audit.js";
import type { Ctx } from "../../platform/context.js";
import { funnelReport } from "./funnel.js";
import { evaluationSettings } from "../questionnaires/index.js";
import { statusReport } from "./status.js";
import { type Table, funnelTable, statusTable, usageTable } from "./tables.js";
import { usageReport } from "./usage.js";

export type ReportName = ExportedReport;

async function tableOf(tx: DbOrTx, ctx: Ctx, name: ReportName, q: ReportQuery): Promise<Table> {
  const { smallNumberThreshold } = await evaluationSettings(tx, ctx.actor.municipalityId);
  switch (name) {
    case "status":
      return statusTable(await statusReport(tx, ctx, q), ctx.lang);
    case "funnel":
      return funnelTable(await funnelReport(tx, ctx, q), ctx.lang, smallNumberThreshold);
    case "punch-card":
      return usageTable(await usageReport(tx, ctx, q), ctx.lang, smallNumberThreshold);
  }
}

export function toCsv(table: Table): string {
  return `\uFEFF${stringify(neutraliseRows(table.rows.map((r) => r.map((c) => c ?? ""))))}`;
}

export async function toXlsx(tables: Table[]): Promise<Buffer> {
  const sheets = tables.map((t) => ({
    sheet: t.name,
    // The column headings in bold; empty cells stay empty.
    data: t.rows.map((r, i) =>
      r.map((c) =>
        c === null
          ? null
          : i === 0
            ? { value: neutraliseCell(c), fontWeight: "bold" as const }
            : { value: neutraliseCell(c) },
      ),
    ) as SheetData,
  }));
  return writeXlsxFile(sheets).toBuffer();
}

export async function reportCsv(tx: DbOrTx, ctx: Ctx, name: ReportName, q: ReportQuery): Promise<string> {
  const table = await tableOf(tx, ctx, name, q);
  await audit(tx, ctx, {
    action: "export",
    entityType: "report",
    criterion: { report: name, format: "csv", from: q.from, to: q.to },
  });
  return toCsv(table);
}

export async function reportWorkbook(tx: DbOrTx, ctx: Ctx, q: ReportQuery): Promise<Buffer> {
  const tables = [
    await tableOf(tx, ctx, "status", q),
    await tableOf(tx, ctx, "funnel", q),
    await tableOf(tx, ctx, "punch-card", q),
  ];
  await audit(tx, ctx, {
    action: "export",
    entityType: "report",
    criterion: { report: "workbook", format: "xlsx", from: q.from, to: q.to },
  });
  return toXlsx(tables);
}
