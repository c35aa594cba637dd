/**
 * Upload a questionnaire definition as JSON: a new key starts at version 1, a known key gets
 * the next version (answers already given keep theirs). The server's field errors are listed
 * with their place in the definition (e.g. result.bands.1.max).
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../api/client";
import { Alert } from "../../../components/Alert";
import { Button } from "../../../components/Button";
import { useIdempotencyKey } from "../../../forms/useIdempotencyKey";
import { type StoredQuestionnaire, detectionApi } from "../api";

export function PublishForm({
  initialJson = "",
  onPublished,
}: {
  initialJson?: string;
  onPublished?: (q: StoredQuestionnaire) => void;
}) {
  const { t } = useTranslation("detection");
  const client = useQueryClient();
  const idempotency = useIdempotencyKey();
  const [json, setJson] = useState(initialJson);
  const [parseError, setParseError] = useState<string | null>(null);
  const [published, setPublished] = useState<StoredQuestionnaire | null>(null);

  const publish = useMutation({
    mutationFn: (definition: Record<string, unknown>) =>
      detectionApi.publish(definition as never, idempotency.keyFor(definition)),
    onSuccess: (q) => {
      idempotency.done();
      setPublished(q);
      void client.invalidateQueries({ queryKey: ["questionnaires"] });
      onPublished?.(q);
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    setPublished(null);
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch (err) {
      setParseError(t("admin.jsonInvalid", { message: err instanceof Error ? err.message : "" }));
      return;
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      setParseError(t("admin.jsonNotObject"));
      return;
    }
    setParseError(null);
    publish.mutate(parsed as Record<string, unknown>);
  }

  const apiError = publish.error instanceof ApiError ? publish.error : null;
  const problem = parseError ?? (publish.error ? (apiError?.message ?? String(publish.error)) : null);
  return (
    <form onSubmit={submit} noValidate aria-labelledby="publish-heading">
      <h2 id="publish-heading">{t("admin.publishHeading")}</h2>
      <p>{t("admin.publishIntro")}</p>
      {published ? (
        <Alert
          variant="success"
          heading={t("admin.published", { key: published.key, version: published.version })}
        />
      ) : null}
      {problem ? (
        <div className="alert alert-error" role="alert" tabIndex={-1}>
          <div className="alert-body">
            <h3 className="alert-heading">{t("admin.publishFailed")}</h3>
            <p className="alert-text">{problem}</p>
            {apiError && apiError.fields.length > 0 ? (
              <ul className="alert-text" data-testid="definition-problems">
                {apiError.fields.map((f, i) => (
                  <li key={`${f.field}-${i}`}>
                    <a className="function-link" href="#definition-json">
                      <code>{f.field || "–"}</code>
                    </a>
                    : {f.message ?? f.reason}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        </div>
      ) : null}
      <div className={`form-group${problem ? " form-error" : ""}`}>
        <label className="form-label" htmlFor="definition-json">
          {t("admin.json")}
        </label>
        <span className="form-hint" id="definition-json-hint">
          {t("admin.jsonHint")}
        </span>
        <textarea
          id="definition-json"
          className="form-input json-input"
          rows={16}
          spellCheck={false}
          value={json}
          onChange={(e) => setJson(e.target.value)}
          aria-describedby="definition-json-hint"
          aria-invalid={problem ? true : undefined}
        />
      </div>
      <Button type="submit" icon="upload" pending={publish.isPending} className="mt-5">
        {t("admin.publish")}
      </Button>
    </form>
  );
}
