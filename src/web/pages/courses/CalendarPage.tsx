/**
 * "Min kalender": a worker's personal iCalendar feed of planned clips. The secret address is
 * shown once, when it is made; making a new one replaces the old, and it can be revoked.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ActionError } from "../../components/ActionError";
import { Alert } from "../../components/Alert";
import { Button } from "../../components/Button";
import { LoadError } from "../../components/LoadError";
import { PageHeading } from "../../components/Page";
import { Spinner } from "../../components/Spinner";
import { useDates } from "../../format";
import { type CalendarFeed, courseKeys, coursesApi } from "./api";
import "./courses.css";

export default function CalendarPage() {
  const { t } = useTranslation("courses");
  const dates = useDates();
  const client = useQueryClient();
  const feed = useQuery({
    queryKey: courseKeys.calendarFeed,
    queryFn: ({ signal }) => coursesApi.calendarFeed(signal),
  });
  const [url, setUrl] = useState<string | null>(null);
  const [revoked, setRevoked] = useState(false);
  const after = (next: CalendarFeed) => client.setQueryData(courseKeys.calendarFeed, { ...next, url: null });
  const create = useMutation({
    mutationFn: coursesApi.createCalendarFeed,
    onSuccess: (next) => {
      after(next);
      setRevoked(false);
      setUrl(next.url);
    },
  });
  const revoke = useMutation({
    mutationFn: coursesApi.revokeCalendarFeed,
    onSuccess: (next) => {
      after(next);
      setUrl(null);
      setRevoked(true);
    },
  });
  const f = feed.data;
  return (
    <>
      <PageHeading title={t("calendar.title")}>{t("calendar.title")}</PageHeading>
      <p className="font-lead">{t("calendar.intro")}</p>
      <p>{t("calendar.privacy")}</p>
      {feed.isPending ? <Spinner /> : null}
      {feed.error ? <LoadError error={feed.error} onRetry={() => void feed.refetch()} /> : null}
      {create.error ? <ActionError error={create.error} /> : null}
      {revoke.error ? <ActionError error={revoke.error} /> : null}
      {revoked ? <Alert variant="success" heading={t("calendar.revoked")} /> : null}
      {url ? <FeedAddress url={url} /> : null}
      {f ? (
        <>
          <p role="status" data-testid="calendar-status">
            {f.active
              ? t("calendar.active", { date: f.createdAt ? dates.dateTime(f.createdAt) : "–" })
              : t("calendar.inactive")}
          </p>
          <div className="action-row">
            {/* No Idempotency-Key: the secret address must never be stored for a replay; the pending button stops a double tap. */}
            <Button
              icon="calendar-month"
              pending={create.isPending}
              onClick={() => !create.isPending && create.mutate()}
            >
              {f.active ? t("calendar.replace") : t("calendar.create")}
            </Button>
            {f.active ? (
              <Button
                variant="secondary"
                icon="close"
                pending={revoke.isPending}
                onClick={() => revoke.mutate()}
              >
                {t("calendar.revoke")}
              </Button>
            ) : null}
          </div>
          {f.active ? <p className="form-hint">{t("calendar.replaceHint")}</p> : null}
        </>
      ) : null}
    </>
  );
}

function FeedAddress({ url }: { url: string }) {
  const { t } = useTranslation("courses");
  const ref = useRef<HTMLDivElement>(null);
  const [copied, setCopied] = useState(false);
  useEffect(() => ref.current?.focus(), []);
  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      // No clipboard (an insecure context): the address is selectable in the field.
      document.getElementById("calendar-url")?.focus();
    }
  }
  return (
    <div ref={ref} tabIndex={-1} className="course-feed">
      <Alert variant="success" heading={t("calendar.createdHeading")}>
        <p>{t("calendar.once")}</p>
      </Alert>
      <div className="form-group">
        <label className="form-label" htmlFor="calendar-url">
          {t("calendar.address")}
        </label>
        <input
          id="calendar-url"
          className="form-input course-feed-url"
          readOnly
          value={url}
          onFocus={(e) => e.target.select()}
          data-testid="calendar-url"
        />
      </div>
      <div className="action-row">
        <Button variant="secondary" icon="copy" onClick={() => void copy()}>
          {t("calendar.copy")}
        </Button>
        <span role="status">{copied ? t("calendar.copied") : ""}</span>
      </div>
      <h2 className="h4">{t("calendar.howHeading")}</h2>
      <ul>
        <li>{t("calendar.howIphone")}</li>
        <li>{t("calendar.howAndroid")}</li>
        <li>{t("calendar.howOutlook")}</li>
      </ul>
    </div>
  );
}
