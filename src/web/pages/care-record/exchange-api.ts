/** The exchange with the care record's FHIR servers (issue 14, decision 0100): source, pull, push target, deliveries. */
import type {
  CareRecordSourceAnswer,
  CareRecordSourceUpdate,
  DeliveriesPage,
  DeliveryStatus,
  DeliveryView,
  PullQueued,
  PushTargetAnswer,
  PushTargetUpdate,
} from "../../../shared/api/care-record-exchange";
import { api, query } from "../../api/client";

export const exchangeKeys = {
  all: ["care-record", "exchange"] as const,
  source: ["care-record", "exchange", "source"] as const,
  target: ["care-record", "exchange", "push-target"] as const,
  deliveries: (status: DeliveryStatus | "", page: number) =>
    ["care-record", "exchange", "deliveries", status, page] as const,
};

export const DELIVERIES_PAGE_SIZE = 20;

export const exchangeApi = {
  source: (signal?: AbortSignal) => api.get<CareRecordSourceAnswer>("/care-record/source", signal),
  saveSource: (body: CareRecordSourceUpdate, key: string) =>
    api.put<CareRecordSourceAnswer>("/care-record/source", body, key),
  pull: (key: string) => api.post<PullQueued>("/care-record/source/pull", {}, key),
  target: (signal?: AbortSignal) => api.get<PushTargetAnswer>("/care-record/push-target", signal),
  saveTarget: (body: PushTargetUpdate, key: string) =>
    api.put<PushTargetAnswer>("/care-record/push-target", body, key),
  deliveries: (status: DeliveryStatus | "", page: number, signal?: AbortSignal) =>
    api.get<DeliveriesPage>(
      `/care-record/deliveries${query({ status, page, pageSize: DELIVERIES_PAGE_SIZE })}`,
      signal,
    ),
  retry: (id: string, key: string) => api.post<DeliveryView>(`/care-record/deliveries/${id}/retry`, {}, key),
};
