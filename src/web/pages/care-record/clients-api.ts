/** The system clients of the FHIR read API (issue 14): typed calls (types only from src/shared). */
import type { FhirClient, FhirClientList, IssuedFhirClient } from "../../../shared/api/care-record-clients";
import { api } from "../../api/client";

export const clientKeys = { list: ["care-record", "fhir-clients"] as const };

export const clientsApi = {
  list: (signal?: AbortSignal) => api.get<FhirClientList>("/care-record/fhir-clients", signal),
  /** No Idempotency-Key: the answer holds the secret, which must never be stored for a replay. */
  create: (body: { name: string; scopes: string[] }) =>
    api.post<IssuedFhirClient>("/care-record/fhir-clients", body),
  revoke: (id: string) => api.post<FhirClient>(`/care-record/fhir-clients/${id}/revoke`),
};
