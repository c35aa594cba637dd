/** Anonymisation and erasure of one citizen (issue 13 point 5): the preview and the two steps. */
import type { ErasureBody, ErasurePreview, ErasureResult } from "../../../shared/api/privacy-erasure";
import { api } from "../../api/client";

export type ErasureOperation = ErasureResult["operation"];

export const erasureKeys = {
  preview: (citizenId: string) => ["privacy", "erasure-preview", citizenId] as const,
};

const STEP: Record<ErasureOperation, string> = { anonymise: "anonymisation", erase: "erasure" };

export const erasureApi = {
  /** Each call is a read on the citizen's audit trail, so the page asks only when the user does. */
  preview: (citizenId: string, signal?: AbortSignal) =>
    api.get<ErasurePreview>(`/citizens/${citizenId}/erasure-preview`, signal),
  run: (citizenId: string, operation: ErasureOperation, body: ErasureBody, idempotencyKey: string) =>
    api.post<ErasureResult>(`/citizens/${citizenId}/${STEP[operation]}`, body, idempotencyKey),
};
