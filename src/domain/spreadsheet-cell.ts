/**
 * Spreadsheet formula injection: Excel, LibreOffice and Numbers treat a cell whose text starts with
 * = + - @ (or a tab, carriage return or other control character before one) as a formula, so a
 * citizen named `=HYPERLINK(…)` would become a live link in a coordinator's export. Every CSV and
 * workbook Broen writes passes its cells through neutraliseCell(): such text gets a leading
 * apostrophe (OWASP's advice; Excel shows it as text). Numbers stay numbers; only text is changed.
 */
const FORMULA_LEADS = new Set(["=", "+", "-", "@"]);

function startsDangerously(text: string): boolean {
  if (text === "") return false;
  const code = text.charCodeAt(0);
  // Control characters (C0 and DEL): tab, CR, LF … can hide a formula behind them.
  return FORMULA_LEADS.has(text[0]!) || code < 0x20 || code === 0x7f;
}

export function neutraliseCell<T>(value: T): T | string {
  return typeof value === "string" && startsDangerously(value) ? `'${value}` : value;
}

export function neutraliseRows<T>(rows: readonly (readonly T[])[]): (T | string)[][] {
  return rows.map((r) => r.map(neutraliseCell));
}
