/**
 * Publish a course definition (a guide, the barrier catalogue, the interest taxonomy) as JSON:
 * PUT adds a new version; what was recorded keeps pointing at its own version. The server's
 * field errors are listed with their place in the document (e.g. themes.2.prompts.0.da).
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { DefinitionKind } from "../../../../shared/api/course-definitions";
import { ApiError } from "../../../api/client";
import { Alert } from "../../../components/Alert";
import { Button } from "../../../components/Button";
import { Icon } from "../../../components/Icon";
import { useIdempotencyKey } from "../../../forms/useIdempotencyKey";
import { type StoredDefinition, coursesApi } from "../api";

const KEY = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function JsonPublishForm({
  kind,
  fixedKey,
  initialJson = "",
  heading,
}: {
  kind: DefinitionKind;
  fixedKey?: string;
  initialJson?: string;
  heading: string;
}) {
  const { t } = useTranslation("courses");
  const { t: tc } = useTranslation();
  const client = useQueryClient();
  const idempotency = useIdempotencyKey();
  const [json, setJson] = useState(initialJson);
  const [localError, setLocalError] = useState<string | null>(null);
  const [published, setPublished] = useState<StoredDefinition | null>(null);
  const problemRef = useRef<HTMLDivElement>(null);
  const id = `definition-json-${kind}`;

  const publish = useMutation({
    mutationFn: ({ key, document }: { key: string; document: Record<string, unknown> }) =>
      coursesApi.publishDefinition(kind, key, document, idempotency.keyFor({ kind, key, document })),
    onSuccess: (stored) => {
      idempotency.done();
      setPublished(stored);
      void client.invalidateQueries({ queryKey: ["course-definitions"] });
    },
    onError: () => requestAnimationFrame(() => problemRef.current?.focus()),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    setPublished(null);
    publish.reset();
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch (err) {
      setLocalError(t("admin.jsonInvalid", { message: err instanceof Error ? err.message : "" }));
      return requestAnimationFrame(() => problemRef.current?.focus());
    }
    const document =
      typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
        ? (parsed as Record<string, unknown>)
        : null;
    const key = fixedKey ?? (typeof document?.key === "string" ? document.key : "");
    if (!document || !KEY.test(key)) {
      setLocalError(!document ? t("admin.jsonNotObject") : t("admin.jsonNoKey"));
      return requestAnimationFrame(() => problemRef.current?.focus());
    }
    setLocalError(null);
    publish.mutate({ key, document });
  }

  const apiError = publish.error instanceof ApiError ? publish.error : null;
  const problem = localError ?? (publish.error ? (apiError?.message ?? String(publish.error)) : null);
  return (
    <form onSubmit={submit} noValidate aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{heading}</h2>
      <p>{t("admin.publishIntro")}</p>
      {published ? (
        <Alert
          variant="success"
          heading={t("admin.published", { key: published.key, version: published.version })}
        />
      ) : null}
      {problem ? (
        <div className="alert alert-error" role="alert" tabIndex={-1} ref={problemRef}>
          <Icon name="error" className="alert-icon" label={tc("alert.error")} />
          <div className="alert-body">
            <h3 className="alert-heading">{t("admin.publishFailed")}</h3>
            <p className="alert-text">{problem}</p>
            {apiError && apiError.fields.length > 0 ? (
              <ul className="alert-text" data-testid="definition-problems">
                {apiError.fields.map((f, i) => (
                  <li key={`${f.field}-${i}`}>
                    <a className="function-link" href={`#${id}`}>
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
        <label className="form-label" htmlFor={id}>
          {t("admin.json")}
        </label>
        <span className="form-hint" id={`${id}-hint`}>
          {fixedKey ? t("admin.jsonHintFixed", { key: fixedKey }) : t("admin.jsonHint")}
        </span>
        <textarea
          id={id}
          className="form-input json-input course-json"
          rows={18}
          spellCheck={false}
          value={json}
          onChange={(e) => setJson(e.target.value)}
          aria-describedby={`${id}-hint`}
          aria-invalid={problem ? true : undefined}
        />
      </div>
      <Button type="submit" icon="upload" pending={publish.isPending} className="mt-5">
        {t("admin.publish")}
      </Button>
    </form>
  );
}
