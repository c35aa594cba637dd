/**
 * A clip registration sent now, or kept on the phone when it gets no answer (issue 17 point 1):
 * the same Idempotency-Key on every attempt, so a registration whose answer was lost on the way
 * back is stored once when the queue sends it again.
 */
import type { TFunction } from "i18next";
import type { RegisterClipBody } from "../../../shared/api/punch-card";
import type { Me } from "../../../shared/api/auth";
import { type SendResult, sendOrQueue } from "../../offline/outbox";
import type { Clip } from "./api";

type SummaryWords = { t: TFunction; day: (isoDate: string) => string };

/** The registration in words, as the phone's queue lists it. */
export function clipSummary(body: RegisterClipBody, words: SummaryWords): string {
  const kind = words.t(`courses:clipKind.${body.kind}`);
  return body.outcome === "done"
    ? words.t("offline.summary.clipDone", {
        kind,
        minutes: body.actualMinutes ?? 0,
        date: words.day(body.performedOn),
      })
    : words.t("offline.summary.clipCancelled", { kind, date: words.day(body.performedOn) });
}

export function registerOrQueue(
  input: {
    courseId: string;
    citizen: { id: string; name: string };
    body: RegisterClipBody;
    key: string;
    me: Me;
  },
  words: SummaryWords,
): Promise<SendResult<Clip>> {
  const { courseId, citizen, body, key, me } = input;
  const summary = clipSummary(body, words);
  return sendOrQueue<Clip>(
    {
      key,
      kind: "clip",
      path: `/courses/${courseId}/clip-registrations`,
      body,
      citizenId: citizen.id,
      citizenName: citizen.name,
      summary,
      againPath: `/forloeb/${courseId}/registrer-klip${body.clipId ? `?klip=${body.clipId}` : ""}`,
    },
    me,
  );
}
