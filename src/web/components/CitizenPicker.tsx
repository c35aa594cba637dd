/**
 * Find a citizen of the register to link an outside referral to: search by name, address or CPR,
 * then pick one. Its words are the detection namespace's `picker.*`.
 */
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { citizensApi } from "../api/endpoints";
import { Button } from "./Button";
import { TextField } from "./Field";
import { LoadError } from "./LoadError";
import { RadioGroup } from "./Choices";

export function CitizenPicker({
  id,
  value,
  onChange,
  error,
  initialQuery = "",
}: {
  id: string;
  value: string;
  onChange: (citizenId: string) => void;
  error?: string | undefined;
  initialQuery?: string;
}) {
  const { t } = useTranslation("detection");
  const [draft, setDraft] = useState(initialQuery);
  const [q, setQ] = useState(initialQuery.trim());
  const results = useQuery({
    queryKey: ["citizens", { q, pageSize: 10 }, "picker"],
    queryFn: ({ signal }) => citizensApi.search({ q, pageSize: 10 }, signal),
    enabled: q.length >= 2,
  });

  return (
    <div className="citizen-picker">
      <div className="filter-bar">
        <TextField
          id={`${id}-search`}
          type="search"
          label={t("picker.search")}
          hint={t("picker.searchHint")}
          value={draft}
          onChange={setDraft}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              setQ(draft.trim());
            }
          }}
        />
        <Button variant="secondary" icon="search" onClick={() => setQ(draft.trim())}>
          {t("picker.find")}
        </Button>
      </div>
      {results.error ? <LoadError error={results.error} /> : null}
      {results.data ? (
        results.data.items.length === 0 ? (
          <p role="status">{t("picker.none")}</p>
        ) : (
          <RadioGroup
            id={id}
            legend={t("picker.choose")}
            error={error}
            large
            value={value}
            onChange={onChange}
            choices={results.data.items.map((c) => ({
              value: c.id,
              label: c.name,
              hint: `${c.cprMasked} · ${c.address}`,
            }))}
          />
        )
      ) : error ? (
        <p className="form-error-message" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
