/** The import of the home-care population (issue 14, decision 0098): upload → preview run → apply or discard. */
import type { CreateImportBody, ImportRowView, ImportRunView } from "../../../shared/api/care-record-import";
import type { ImportOutcome } from "../../../domain/care-record/import/records";
import { api, query } from "../../api/client";

export const importKeys = {
  all: ["care-record", "imports"] as const,
  runs: (page: number) => ["care-record", "imports", "runs", page] as const,
  run: (id: string) => ["care-record", "imports", "run", id] as const,
  rows: (id: string, outcome: ImportOutcome | "", page: number) =>
    ["care-record", "imports", "rows", id, outcome, page] as const,
};

export const RUNS_PAGE_SIZE = 10;
export const ROWS_PAGE_SIZE = 25;

interface PageOf<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const importApi = {
  runs: (page: number, signal?: AbortSignal) =>
    api.get<PageOf<ImportRunView>>(
      `/care-record/imports${query({ page, pageSize: RUNS_PAGE_SIZE })}`,
      signal,
    ),
  run: (id: string, signal?: AbortSignal) => api.get<ImportRunView>(`/care-record/imports/${id}`, signal),
  rows: (id: string, outcome: ImportOutcome | "", page: number, signal?: AbortSignal) =>
    api.get<PageOf<ImportRowView>>(
      `/care-record/imports/${id}/rows${query({ outcome, page, pageSize: ROWS_PAGE_SIZE })}`,
      signal,
    ),
  create: (body: CreateImportBody, key: string) => api.post<ImportRunView>("/care-record/imports", body, key),
  apply: (id: string, version: number, key: string) =>
    api.post<ImportRunView>(`/care-record/imports/${id}/apply`, { version }, key),
  discard: (id: string, key: string) =>
    api.post<ImportRunView>(`/care-record/imports/${id}/discard`, {}, key),
};
