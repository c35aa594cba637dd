/** The records of processing (issue 13 point 7): the document and the contacts the administrator writes. */
import type {
  PrivacyContacts,
  RecordsOfProcessing,
  UpdatePrivacyContactsBody,
} from "../../../shared/api/privacy-records";
import { api } from "../../api/client";

export const recordsKeys = {
  records: ["privacy", "records-of-processing"] as const,
};

export const recordsApi = {
  get: (signal?: AbortSignal) => api.get<RecordsOfProcessing>("/privacy/records-of-processing", signal),
  updateContacts: (body: UpdatePrivacyContactsBody, idempotencyKey: string) =>
    api.patch<PrivacyContacts>("/privacy/records-of-processing/contacts", body, idempotencyKey),
};
