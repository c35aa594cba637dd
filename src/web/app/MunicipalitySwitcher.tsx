/**
 * For staff who work for several municipalities (decision 0104): choose the one to work in. A
 * select and a button (changing the select alone moves nowhere, WCAG 3.2.2). The switch moves the
 * session on the server, then the app loads again from its front page — a full navigation, so no
 * page, query cache or form state of the other municipality stays in memory.
 */
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Me } from "../../shared/api/auth";
import { ApiError } from "../api/client";
import { authApi } from "../api/endpoints";
import { Button } from "../components/Button";

export function MunicipalitySwitcher({ me, id }: { me: Me; id: string }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState(me.municipality.id);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (me.municipalities.length < 2) return null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (chosen === me.municipality.id || pending) return;
    setPending(true);
    setError(null);
    try {
      await authApi.switchMunicipality({ municipalityId: chosen }, crypto.randomUUID());
      window.location.assign("/");
    } catch (err) {
      setPending(false);
      setError(err instanceof ApiError ? err.message : t("common.unexpectedError"));
    }
  };

  return (
    <form className="municipality-switcher d-print-none" onSubmit={(e) => void submit(e)} noValidate>
      <label className="form-label" htmlFor={id}>
        {t("layout.municipality")}
      </label>
      <div className="municipality-switcher-row">
        <select
          id={id}
          className="form-select"
          value={chosen}
          onChange={(e) => setChosen(e.target.value)}
          aria-describedby={error ? `${id}-error` : undefined}
        >
          {me.municipalities.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
        <Button type="submit" variant="secondary" pending={pending}>
          {t("layout.switchMunicipality")}
        </Button>
      </div>
      {pending ? (
        <p className="sr-only" role="status">
          {t("layout.switchingMunicipality")}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="form-error-message" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
