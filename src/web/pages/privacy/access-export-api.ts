/** The right-of-access export (issue 13 point 1): the document the page shows and the file to download. */
import type { AccessExport } from "../../../shared/api/privacy-access";
import { api } from "../../api/client";

export const accessExportKeys = {
  document: (citizenId: string) => ["privacy", "access-export", citizenId] as const,
};

export const accessExportApi = {
  /** Every call is an export on the citizen's audit trail, so the page fetches it once and keeps it. */
  get: (citizenId: string, signal?: AbortSignal) =>
    api.get<AccessExport>(`/citizens/${citizenId}/access-export`, signal),
  /** The same answer as a download (the server names the file: no CPR, no name). */
  fileUrl: (citizenId: string) => `/api/citizens/${citizenId}/access-export`,
};
