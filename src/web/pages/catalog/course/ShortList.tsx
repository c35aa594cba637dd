/**
 * The short list to give the citizen: the ticked suggestions in large print — what, when,
 * where, phone, price and access — on its own page. It is rendered outside the app (a portal on
 * <body>) and shown only while printing, so "Udskriv kort liste" prints just this.
 */
import { useEffect, useState } from "react";
import { createPortal } from "react-dom";
import { Button } from "../../../components/Button";
import { todayInCopenhagen, useDates } from "../../../format";
import type { Suggestion } from "../api";
import { PrintEntry } from "../print/PrintEntry";
import { useWords } from "../words";

const PRINTING = "catalog-printing-shortlist";

export function ShortList({ citizenName, suggestions }: { citizenName: string; suggestions: Suggestion[] }) {
  const w = useWords();
  const { t } = w;
  const dates = useDates();
  const [printing, setPrinting] = useState(false);

  useEffect(() => {
    if (!printing) return;
    document.body.classList.add(PRINTING);
    const done = () => setPrinting(false);
    window.addEventListener("afterprint", done);
    window.print();
    return () => {
      window.removeEventListener("afterprint", done);
      document.body.classList.remove(PRINTING);
    };
  }, [printing]);

  return (
    <>
      <div className="action-row">
        <Button
          variant="secondary"
          icon="print"
          disabled={suggestions.length === 0}
          onClick={() => setPrinting(true)}
        >
          {t("find.printShortList", { count: suggestions.length })}
        </Button>
      </div>
      {createPortal(
        <div className="catalog-shortlist catalog-print" data-testid="short-list">
          <h1 className="catalog-print-title">{t("find.shortListTitle", { name: citizenName })}</h1>
          <p className="catalog-print-sub">
            {t("print.generated", { date: dates.day(todayInCopenhagen()) })}
          </p>
          <ol className="catalog-print-list">
            {suggestions.map(({ activity: a, distanceKm }) => (
              <PrintEntry
                key={a.id}
                item={{ ...a, organisationName: a.organisation.name, distanceKm, phone: null }}
              />
            ))}
          </ol>
        </div>,
        document.body,
      )}
    </>
  );
}
