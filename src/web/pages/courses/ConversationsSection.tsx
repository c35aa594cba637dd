/**
 * "Samtaler": book a visit, record a conversation from a guide, the conversations held and
 * booked, and the history of the condition Følelsesfunktioner.
 */
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { CONVERSATION_KINDS } from "../../../domain/course/vocabulary";
import { copenhagenDate } from "../../../domain/time";
import { BookConversationBody } from "../../../shared/api/courses";
import { Alert } from "../../components/Alert";
import { Button } from "../../components/Button";
import { ErrorSummary } from "../../components/ErrorSummary";
import { SelectField, TextField } from "../../components/Field";
import { useDates } from "../../format";
import { summaryItems, useForm } from "../../forms/useForm";
import { useIdempotencyKey } from "../../forms/useIdempotencyKey";
import { validate } from "../../forms/validation";
import { useLocalText } from "../../i18n/useLocalText";
import { type Conversation, type CourseDetail, coursesApi } from "./api";
import { ConversationForm } from "./ConversationForm";
import { useCourseCache, useDefinitions } from "./hooks";
import { copenhagenDateTime } from "./ui";

type Panel = "book" | "record";

export function ConversationsSection({ course, mayManage }: { course: CourseDetail; mayManage: boolean }) {
  const { t } = useTranslation("courses");
  const [open, setOpen] = useState<Panel | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const mayWrite = mayManage && course.stage !== "closed";
  const toggle = (p: Panel) => {
    setDone(null);
    setOpen(open === p ? null : p);
  };
  const sorted = [...course.conversations].sort((a, b) =>
    (b.heldAt ?? b.scheduledAt ?? b.createdAt).localeCompare(a.heldAt ?? a.scheduledAt ?? a.createdAt),
  );
  return (
    <section aria-labelledby="course-conversations" className="mt-7">
      <h2 id="course-conversations">{t("conversations.heading")}</h2>
      {done ? <Alert variant="success" heading={done} /> : null}
      {mayWrite ? (
        <div className="action-row">
          <Button
            variant="primary"
            icon="forum"
            aria-expanded={open === "record"}
            aria-controls={open === "record" ? "record-panel" : undefined}
            onClick={() => toggle("record")}
          >
            {t("conversations.record")}
          </Button>
          <Button
            variant="secondary"
            icon="calendar-month"
            aria-expanded={open === "book"}
            aria-controls={open === "book" ? "book-panel" : undefined}
            onClick={() => toggle("book")}
          >
            {t("conversations.book")}
          </Button>
        </div>
      ) : null}
      {open === "book" ? (
        <div id="book-panel" className="section-panel">
          <BookForm
            course={course}
            onDone={() => (setOpen(null), setDone(t("conversations.bookedDone")))}
            onCancel={() => setOpen(null)}
          />
        </div>
      ) : null}
      {open === "record" ? (
        <div id="record-panel" className="section-panel">
          <ConversationForm
            course={course}
            onDone={() => (setOpen(null), setDone(t("conversations.recordedDone")))}
            onCancel={() => setOpen(null)}
          />
        </div>
      ) : null}
      {sorted.length === 0 ? (
        <p>{t("conversations.none")}</p>
      ) : (
        <ul className="card-list" data-testid="conversations">
          {sorted.map((c) => (
            <ConversationCard key={c.id} conversation={c} />
          ))}
        </ul>
      )}
      <ConditionHistory course={course} />
    </section>
  );
}

function BookForm({
  course,
  onDone,
  onCancel,
}: {
  course: CourseDetail;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation("courses");
  const { t: tc } = useTranslation();
  const cache = useCourseCache(course);
  const idempotency = useIdempotencyKey();
  const form = useForm({
    kind:
      course.stage === "clarification"
        ? "clarification"
        : course.stage === "follow_up"
          ? "follow_up"
          : "guidance",
    date: copenhagenDate(new Date()),
    time: "10:00",
  });
  const { values, set, errors } = form;
  const book = useMutation({
    mutationFn: (body: BookConversationBody) =>
      coursesApi.book(course.id, body, idempotency.keyFor({ book: course.id, ...body })),
    onSuccess: () => {
      idempotency.done();
      cache.refresh();
      onDone();
    },
    onError: (err) => form.failFromServer(err, tc),
  });
  const fields = [
    { name: "kind", inputId: "book-kind", label: t("conversation.kind") },
    { name: "date", inputId: "book-date", label: t("conversations.date") },
    { name: "scheduledAt", inputId: "book-time", label: t("conversations.time") },
  ];
  function submit(e: FormEvent) {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.date)) found.date = t("conversations.errors.date");
    if (!/^\d{2}:\d{2}$/.test(values.time)) found.scheduledAt = t("conversations.errors.time");
    if (Object.keys(found).length > 0) return form.fail(found);
    const result = validate(
      BookConversationBody,
      { kind: values.kind, scheduledAt: copenhagenDateTime(values.date, values.time) },
      tc,
    );
    if (!result.ok) return form.fail(result.errors);
    form.clear();
    book.mutate(result.data);
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby="book-heading">
      <h3 id="book-heading">{t("conversations.book")}</h3>
      <ErrorSummary
        items={summaryItems(fields, errors)}
        general={Object.keys(errors).length ? null : form.general}
        attempt={form.attempt}
      />
      <SelectField
        id="book-kind"
        label={t("conversation.kind")}
        value={values.kind}
        onChange={set("kind")}
        options={CONVERSATION_KINDS.map((k) => ({ value: k, label: t(`conversationKind.${k}`) }))}
        error={errors.kind}
      />
      <div className="field-row">
        <TextField
          id="book-date"
          type="date"
          label={t("conversations.date")}
          value={values.date}
          onChange={set("date")}
          error={errors.date}
          width="input-width-s"
        />
        <TextField
          id="book-time"
          type="time"
          label={t("conversations.time")}
          value={values.time}
          onChange={set("time")}
          error={errors.scheduledAt}
          width="input-width-xs"
        />
      </div>
      <div className="action-row">
        <Button type="submit" icon="calendar-month" pending={book.isPending}>
          {t("conversations.bookSubmit")}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {tc("common.cancel")}
        </Button>
      </div>
    </form>
  );
}

function ConversationCard({ conversation: c }: { conversation: Conversation }) {
  const { t } = useTranslation("courses");
  const dates = useDates();
  const local = useLocalText();
  const guides = useDefinitions("conversation_guide");
  const interests = useDefinitions("interest_taxonomy");
  const barriers = useDefinitions("barrier_catalogue");
  const guide = guides.data?.find((g) => g.key === c.guide?.key)?.definition;
  const themeTitle = (id: string) => {
    const th = guide?.themes.find((x) => x.id === id);
    return th ? local(th.title).text : id;
  };
  const interestLabel = (id: string) => {
    const i = interests.data?.[0]?.definition.interests.find((x) => x.id === id);
    return i ? local(i.label).text : id;
  };
  const barrierLabel = (id: string) => {
    const b = barriers.data?.[0]?.definition.barriers.find((x) => x.id === id);
    return b ? local(b.label).text : id;
  };
  const notes = Object.entries(c.themeNotes).filter(([, v]) => v);
  return (
    <li data-testid="conversation">
      <h3>
        {t(`conversationKind.${c.kind}`)}{" "}
        <span className={`status-tag conv-${c.status}`}>{t(`conversationStatus.${c.status}`)}</span>
      </h3>
      <p className="card-meta">
        <span>
          {c.status === "held" && c.heldAt
            ? t("conversations.heldAt", { at: dates.dateTime(c.heldAt) })
            : c.scheduledAt
              ? t("conversations.scheduledAt", { at: dates.dateTime(c.scheduledAt) })
              : null}
        </span>
        {c.guide ? (
          <span>{t("conversations.guideVersion", { title: c.guide.title, version: c.guide.version })}</span>
        ) : null}
        <span>{c.recordedBy.name}</span>
      </p>
      {c.lonelinessType ? (
        <p>{t("conversations.lonelinessIs", { type: t(`lonelinessType.${c.lonelinessType}`) })}</p>
      ) : null}
      {notes.length > 0 ? (
        <dl className="fact-list">
          {notes.map(([id, v]) => (
            <div key={id}>
              <dt>{themeTitle(id)}</dt>
              <dd className="note-body">{v}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {c.interests.length > 0 ? (
        <p>
          <strong>{t("conversation.interests")}:</strong> {c.interests.map(interestLabel).join(", ")}
        </p>
      ) : null}
      {c.barriers.length > 0 ? (
        <p>
          <strong>{t("conversation.barriers")}:</strong> {c.barriers.map(barrierLabel).join(", ")}
        </p>
      ) : null}
      {c.wishes ? (
        <p>
          <strong>{t("conversation.wishes")}:</strong> <span className="note-body">{c.wishes}</span>
        </p>
      ) : null}
      {c.goals.length > 0 ? (
        <ul>
          {c.goals.map((g, i) => (
            <li key={i}>
              <strong>{g.goal}</strong>
              {g.agreements.length > 0 ? (
                <ul>
                  {g.agreements.map((a, n) => (
                    <li key={n}>
                      {t("conversations.agreementLine", {
                        who: a.who,
                        what: a.what,
                        due: a.due ? dates.day(a.due) : t("conversations.noDue"),
                      })}
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

function ConditionHistory({ course }: { course: CourseDetail }) {
  const { t } = useTranslation("courses");
  const dates = useDates();
  return (
    <>
      <h3 id="condition-history-heading">{t("condition.history")}</h3>
      {course.conditionHistory.length === 0 ? (
        <p>{t("condition.none")}</p>
      ) : (
        <ol
          className="history-list"
          aria-labelledby="condition-history-heading"
          data-testid="condition-history"
        >
          {course.conditionHistory.map((a) => (
            <li key={a.id}>
              <p className="mb-0">
                <strong>{t(`severity.${a.severity}`, { defaultValue: String(a.severity) })}</strong>
                {a.citizenView
                  ? ` · ${t(`citizenView.${a.citizenView}`, { defaultValue: a.citizenView })}`
                  : null}
              </p>
              <p className="card-meta">
                <span>{dates.dateTime(a.assessedAt)}</span>
                <span>{a.assessedBy.name}</span>
              </p>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
