/**
 * "Import af hjemmeplejens borgere" (issue 14, decision 0098): the administrator uploads the
 * home-care population (CSV, FHIR Bundle or NDJSON), sees the preview — new, changed, home care
 * ended, unchanged and unmatched rows with the reason — and applies or discards it. Every run,
 * the scheduled pull's included, is listed with its result. Rows show the CPR masked; the server
 * puts each register citizen a page shows on that citizen's audit trail.
 */
import { PageButtons } from "../../components/Pagination";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  IMPORT_OUTCOMES,
  type ImportFormat,
  type ImportOutcome,
  type ImportScope,
} from "../../../domain/care-record/import/records";
import {
  IMPORT_MAX_BYTES,
  type ImportRowView,
  type ImportRunView,
} from "../../../shared/api/care-record-import";
import { ActionError } from "../../components/ActionError";
import { Alert } from "../../components/Alert";
import { Button } from "../../components/Button";
import { RadioGroup } from "../../components/Choices";
import { SelectField } from "../../components/Field";
import { LoadError } from "../../components/LoadError";
import { Spinner } from "../../components/Spinner";
import { type Column, Table } from "../../components/Table";
import { formatDateTime } from "../../format";
import { useWrite } from "../../forms/useWrite";
import { ROWS_PAGE_SIZE, RUNS_PAGE_SIZE, importApi, importKeys } from "./import-api";
import "./import.css";

const FORMATS: readonly ImportFormat[] = ["csv", "fhir_bundle", "fhir_ndjson"];

/** The format a file's name suggests. */
function formatOf(fileName: string): ImportFormat | null {
  const name = fileName.toLowerCase();
  if (name.endsWith(".csv") || name.endsWith(".txt")) return "csv";
  if (name.endsWith(".ndjson") || name.endsWith(".jsonl")) return "fhir_ndjson";
  if (name.endsWith(".json")) return "fhir_bundle";
  return null;
}

export function ImportSection() {
  const { t } = useTranslation("careRecord");
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <section className="mt-8" aria-labelledby="care-import-title">
      <h2 id="care-import-title">{t("import.title")}</h2>
      <p>{t("import.lead")}</p>
      <UploadForm onCreated={(run) => setSelected(run.id)} />
      {selected ? <RunDetail id={selected} onClose={() => setSelected(null)} /> : null}
      <RunList selected={selected} onOpen={setSelected} />
    </section>
  );
}

function UploadForm({ onCreated }: { onCreated: (run: ImportRunView) => void }) {
  const { t } = useTranslation("careRecord");
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<ImportFormat>("csv");
  const [scope, setScope] = useState<ImportScope>("complete");
  const [fileError, setFileError] = useState<string | undefined>();
  const create = useWrite(importApi.create, {
    onSuccess: (run) => {
      void qc.invalidateQueries({ queryKey: importKeys.all });
      onCreated(run);
    },
  });

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (create.isPending) return;
    create.reset();
    if (!file) return fail(t("import.errors.noFile"));
    if (file.size > IMPORT_MAX_BYTES) return fail(t("import.errors.tooLarge"));
    const content = await file.text();
    if (content.trim() === "") return fail(t("import.errors.empty"));
    setFileError(undefined);
    create.mutate({ format, scope, fileName: file.name, content });
  }
  function fail(message: string) {
    setFileError(message);
    document.getElementById("care-import-file")?.focus();
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="care-import-upload" className="mb-7">
      <h3 id="care-import-upload">{t("import.upload.title")}</h3>
      <div className={`form-group${fileError ? " form-error" : ""}`}>
        <label className="form-label" htmlFor="care-import-file">
          {t("import.upload.file")}
        </label>
        <span className="form-hint" id="care-import-file-hint">
          {t("import.upload.fileHint")}
        </span>
        {fileError ? (
          <span className="form-error-message" id="care-import-file-error">
            {fileError}
          </span>
        ) : null}
        <input
          id="care-import-file"
          type="file"
          accept=".csv,.txt,.json,.ndjson,.jsonl,text/csv,application/json,application/fhir+json,application/x-ndjson"
          className="form-file-input"
          aria-invalid={fileError ? true : undefined}
          aria-describedby={
            fileError ? "care-import-file-hint care-import-file-error" : "care-import-file-hint"
          }
          onChange={(e) => {
            const f = e.target.files?.[0] ?? null;
            setFile(f);
            const guessed = f ? formatOf(f.name) : null;
            if (guessed) setFormat(guessed);
          }}
        />
      </div>
      <RadioGroup
        id="care-import-format"
        legend={t("import.upload.format")}
        choices={FORMATS.map((f) => ({ value: f, label: t(`import.formats.${f}`) }))}
        value={format}
        onChange={(v) => setFormat(v as ImportFormat)}
      />
      <RadioGroup
        id="care-import-scope"
        legend={t("import.upload.scope")}
        choices={(["complete", "changes"] as const).map((s) => ({
          value: s,
          label: t(`import.scopes.${s}`),
          hint: t(`import.scopes.${s}Hint`),
        }))}
        value={scope}
        onChange={(v) => setScope(v as ImportScope)}
      />
      <ActionError error={create.error} />
      <Button type="submit" icon="upload" pending={create.isPending}>
        {t("import.upload.submit")}
      </Button>
    </form>
  );
}

function Counts({ counts, label }: { counts: ImportRunView["counts"]; label: string }) {
  const { t } = useTranslation("careRecord");
  return (
    <dl className="care-import-counts" aria-label={label}>
      {IMPORT_OUTCOMES.map((o) => (
        <div key={o}>
          <dt>{t(`import.outcomes.${o}`)}</dt>
          <dd>{counts[o]}</dd>
        </div>
      ))}
    </dl>
  );
}

function RunDetail({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation("careRecord");
  const qc = useQueryClient();
  const headingId = useId();
  const [confirming, setConfirming] = useState(false);
  const run = useQuery({ queryKey: importKeys.run(id), queryFn: ({ signal }) => importApi.run(id, signal) });
  const refresh = () => void qc.invalidateQueries({ queryKey: importKeys.all });
  const apply = useWrite((version: number, key: string) => importApi.apply(id, version, key), {
    onSuccess: () => {
      setConfirming(false);
      refresh();
    },
  });
  const discard = useWrite((_: null, key: string) => importApi.discard(id, key), { onSuccess: refresh });

  if (run.isPending) return <Spinner />;
  if (run.isError) return <LoadError error={run.error} onRetry={() => void run.refetch()} />;
  const r = run.data;
  return (
    <section className="care-import-run mb-7" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {t("import.run.title", { when: formatDateTime(r.createdAt) })}
        {r.fileName ? <span className="d-block form-hint care-import-file-name">{r.fileName}</span> : null}
      </h3>
      <p>
        <strong>{t(`import.statuses.${r.status}`)}</strong> · {t(`import.sources.${r.source}`)} ·{" "}
        {t(`import.scopes.${r.scope}`)}
      </p>
      {r.status === "applied" ? (
        <Alert variant="success" className="mb-5">
          <p>
            {t("import.run.applied", {
              when: formatDateTime(r.appliedAt),
              who: r.appliedBy?.displayName ?? t("import.run.broen"),
            })}
          </p>
        </Alert>
      ) : null}
      <Counts
        counts={r.result ?? r.counts}
        label={t(r.result ? "import.run.resultLabel" : "import.run.countsLabel")}
      />
      {r.status === "preview" ? (
        <>
          <p className="form-hint">{t("import.run.previewHint")}</p>
          <ActionError error={apply.error ?? discard.error} />
          {confirming ? (
            <Alert variant="warning" className="mb-5">
              <p>
                {t("import.run.confirm", {
                  new: r.counts.new,
                  changed: r.counts.changed,
                  ended: r.counts.ended,
                })}
              </p>
              <div className="button-group">
                <Button pending={apply.isPending} onClick={() => apply.mutate(r.version)}>
                  {t("import.run.confirmYes")}
                </Button>
                <Button variant="secondary" onClick={() => setConfirming(false)}>
                  {t("import.run.confirmNo")}
                </Button>
              </div>
            </Alert>
          ) : (
            <div className="button-group">
              <Button icon="check" onClick={() => setConfirming(true)}>
                {t("import.run.apply")}
              </Button>
              <Button
                variant="secondary"
                icon="close"
                pending={discard.isPending}
                onClick={() => discard.mutate(null)}
              >
                {t("import.run.discard")}
              </Button>
            </div>
          )}
        </>
      ) : null}
      {r.status === "preview" ? <RunRows id={id} /> : null}
      <Button variant="function-link" onClick={onClose}>
        {t("import.run.close")}
      </Button>
    </section>
  );
}

function describeChange(
  t: (k: string, o?: Record<string, unknown>) => string,
  c: ImportRowView["changes"][number],
) {
  const show = (v: unknown) =>
    v === null || v === undefined || v === ""
      ? t("import.rows.none")
      : Array.isArray(v)
        ? v.join(", ") || t("import.rows.none")
        : String(v);
  return `${t(`import.fields.${c.field}`, { defaultValue: c.field })}: ${show(c.from)} → ${show(c.to)}`;
}

function RunRows({ id }: { id: string }) {
  const { t } = useTranslation("careRecord");
  const [outcome, setOutcome] = useState<ImportOutcome | "">("");
  const [page, setPage] = useState(1);
  const rows = useQuery({
    queryKey: importKeys.rows(id, outcome, page),
    queryFn: ({ signal }) => importApi.rows(id, outcome, page, signal),
    placeholderData: keepPreviousData,
  });
  const columns: Column<ImportRowView>[] = [
    {
      key: "row",
      header: t("import.rows.row"),
      title: t("import.rows.row"),
      render: (r) => (r.rowNo === 0 ? "–" : r.rowNo),
    },
    {
      key: "citizen",
      header: t("import.rows.citizen"),
      title: t("import.rows.citizen"),
      rowHeader: true,
      render: (r) => (
        <>
          {r.name ?? t("import.rows.noName")}
          {r.cpr ? <span className="d-block form-hint">{r.cpr}</span> : null}
        </>
      ),
    },
    {
      key: "outcome",
      header: t("import.rows.outcome"),
      title: t("import.rows.outcome"),
      render: (r) => t(`import.outcomes.${r.outcome}`),
    },
    {
      key: "details",
      header: t("import.rows.details"),
      title: t("import.rows.details"),
      render: (r) =>
        r.reason ? (
          <>
            {t(`import.reasons.${r.reason}`)}
            {r.field ? (
              <span className="d-block form-hint">
                {t("import.rows.field", { field: t(`import.fields.${r.field}`, { defaultValue: r.field }) })}
              </span>
            ) : null}
          </>
        ) : r.changes.length > 0 ? (
          <ul className="care-import-changes">
            {r.changes.map((c) => (
              <li key={c.field}>{describeChange(t, c)}</li>
            ))}
          </ul>
        ) : null,
    },
  ];
  const totalPages = rows.data ? Math.max(1, Math.ceil(rows.data.total / ROWS_PAGE_SIZE)) : 1;
  return (
    <div className="mt-6">
      <h4>{t("import.rows.title")}</h4>
      <p className="form-hint">{t("import.rows.logged")}</p>
      <SelectField
        id="care-import-outcome"
        label={t("import.rows.filter")}
        emptyOption={t("import.rows.all")}
        options={IMPORT_OUTCOMES.map((o) => ({ value: o, label: t(`import.outcomes.${o}`) }))}
        value={outcome}
        onChange={(v) => {
          setOutcome(v as ImportOutcome | "");
          setPage(1);
        }}
      />
      {rows.isPending ? <Spinner /> : null}
      {rows.isError ? <LoadError error={rows.error} onRetry={() => void rows.refetch()} /> : null}
      {rows.data ? (
        rows.data.items.length === 0 ? (
          <p>{t("import.rows.empty")}</p>
        ) : (
          <>
            <Table
              caption={t("import.rows.caption", { count: rows.data.total })}
              columns={columns}
              rows={rows.data.items}
              rowKey={(r) => String(r.rowNo)}
              compact
            />
            <PageButtons page={page} totalPages={totalPages} onPage={setPage} />
          </>
        )
      ) : null}
    </div>
  );
}

function RunList({ selected, onOpen }: { selected: string | null; onOpen: (id: string) => void }) {
  const { t } = useTranslation("careRecord");
  const [page, setPage] = useState(1);
  const runs = useQuery({
    queryKey: importKeys.runs(page),
    queryFn: ({ signal }) => importApi.runs(page, signal),
    placeholderData: keepPreviousData,
  });
  const columns: Column<ImportRunView>[] = [
    {
      key: "when",
      header: t("import.runs.when"),
      title: t("import.runs.when"),
      rowHeader: true,
      render: (r) => (
        <>
          {formatDateTime(r.createdAt)}
          <span className="d-block form-hint care-import-file-name">
            {r.fileName ?? t(`import.sources.${r.source}`)}
          </span>
        </>
      ),
    },
    {
      key: "status",
      header: t("import.runs.status"),
      title: t("import.runs.status"),
      render: (r) => t(`import.statuses.${r.status}`),
    },
    {
      key: "counts",
      header: t("import.runs.counts"),
      title: t("import.runs.counts"),
      render: (r) => {
        const c = r.result ?? r.counts;
        return t("import.runs.countsText", c);
      },
    },
    {
      key: "open",
      header: <span className="sr-only">{t("import.runs.open")}</span>,
      title: t("import.runs.open"),
      render: (r) => (
        <Button
          variant="function-link"
          disabled={selected === r.id}
          onClick={() => onOpen(r.id)}
          aria-label={t("import.runs.openRun", { when: formatDateTime(r.createdAt) })}
        >
          {t("import.runs.open")}
        </Button>
      ),
    },
  ];
  const totalPages = runs.data ? Math.max(1, Math.ceil(runs.data.total / RUNS_PAGE_SIZE)) : 1;
  return (
    <div>
      <h3>{t("import.runs.title")}</h3>
      {runs.isPending ? <Spinner /> : null}
      {runs.isError ? <LoadError error={runs.error} onRetry={() => void runs.refetch()} /> : null}
      {runs.data ? (
        runs.data.items.length === 0 ? (
          <p>{t("import.runs.empty")}</p>
        ) : (
          <>
            <Table
              caption={t("import.runs.caption")}
              captionHidden
              columns={columns}
              rows={runs.data.items}
              rowKey={(r) => r.id}
              compact
            />
            <PageButtons page={page} totalPages={totalPages} onPage={setPage} />
          </>
        )
      ) : null}
    </div>
  );
}
