/**
 * Fresh values for replaying a write. Replaying a clip registration with the recorded parameters
 * would collide on the second run (the idempotency key's unique index, ids generated in the
 * request), or silently do less work than Broen (ON CONFLICT DO NOTHING inserts nothing, so the
 * idempotency row's update finds it under an old key). So every recorded parameter is classified
 * once, in the order the statements ran:
 *
 *  - the request's Idempotency-Key              → a new key per replayed request;
 *  - a UUID the client sent (URL, body)          → kept (the course, the planned clip);
 *  - a UUID an earlier INSERT/UPDATE … RETURNING answered (an id the database generated, e.g. the
 *    new clip's id the audit row and the stored answer name) → taken from the same row and column
 *    of that statement's answer in this run;
 *  - a UUID an earlier read answered              → kept (existing data: the course's citizen);
 *  - any other UUID                               → generated in the request (crypto.randomUUID
 *    in JavaScript): a new one per replayed request, the same one wherever it recurs.
 *
 * A text parameter that contains a replaced value (the stored answer's JSON names the clip id) gets
 * the same replacement inside it. Reads have no such values, so their replay sends the recording
 * as it was.
 */
import { randomUUID } from "node:crypto";
import type { Binder, Statement } from "./recorder.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Source =
  | { kind: "key" }
  | { kind: "uuid" }
  | { kind: "returned"; statement: number; row: number; column: string | number };

export interface FreshPlan {
  /** Original value → where its replacement comes from. */
  sources: Map<string, Source>;
  /** A new binder per replayed request (fresh values are drawn once per request). */
  binder(): Binder;
  describe(): string;
}

function findInRows(rows: unknown[], value: string): { row: number; column: string | number } | null {
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (row === null || typeof row !== "object") continue;
    for (const [column, cell] of Object.entries(row as Record<string, unknown>))
      if (cell === value) return { row: r, column: Array.isArray(row) ? Number(column) : column };
  }
  return null;
}

const writesReturning = (text: string) =>
  /^\s*(insert|update|with)\b/i.test(text) && /\breturning\b/i.test(text);

export function planFresh(
  statements: readonly Statement[],
  request: { input: string; idempotencyKey?: string | undefined },
): FreshPlan {
  const sources = new Map<string, Source>();
  const kept = new Set<string>();
  statements.forEach((s, index) => {
    for (const p of s.params) {
      if (typeof p !== "string" || sources.has(p) || kept.has(p)) continue;
      if (request.idempotencyKey && p === request.idempotencyKey) {
        sources.set(p, { kind: "key" });
        continue;
      }
      if (!UUID.test(p)) continue;
      if (request.input.includes(p)) {
        kept.add(p);
        continue;
      }
      let found: Source | "read" | null = null;
      for (let earlier = 0; earlier < index && !found; earlier++) {
        const at = findInRows(statements[earlier]!.rows, p);
        if (at)
          found = writesReturning(statements[earlier]!.text)
            ? { kind: "returned", statement: earlier, ...at }
            : "read";
      }
      if (found === "read") kept.add(p);
      else sources.set(p, found ?? { kind: "uuid" });
    }
  });
  const originals = [...sources.keys()];
  return {
    sources,
    binder(): Binder {
      if (sources.size === 0) return (index) => statements[index]!.params;
      const now = new Map<string, string>();
      const valueOf = (original: string, rows: unknown[][]): string => {
        const known = now.get(original);
        if (known !== undefined) return known;
        const source = sources.get(original)!;
        let value: string;
        if (source.kind === "key") value = `bench-${randomUUID()}`;
        else if (source.kind === "uuid") value = randomUUID();
        else {
          const row = rows[source.statement]?.[source.row] as Record<string | number, unknown> | undefined;
          value = String(row?.[source.column] ?? original);
        }
        now.set(original, value);
        return value;
      };
      return (index, rows) =>
        statements[index]!.params.map((p) => {
          if (typeof p !== "string") return p;
          if (sources.has(p)) return valueOf(p, rows);
          let out = p;
          for (const original of originals)
            if (out.includes(original)) out = out.split(original).join(valueOf(original, rows));
          return out;
        });
    },
    describe() {
      const count = (kind: Source["kind"]) => [...sources.values()].filter((s) => s.kind === kind).length;
      return `fresh per request: ${count("key")} idempotency key, ${count("uuid")} generated uuid(s), ${count("returned")} id(s) from RETURNING`;
    },
  };
}
