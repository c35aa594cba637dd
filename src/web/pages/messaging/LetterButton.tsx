/**
 * "Udskriv brev til borgeren" on the course page (issue 16, part "letter"): downloads the citizen's
 * letter — their plan and punch card on A4 in large type — to print and hand over or post. A plain
 * link with the session cookie (a GET): the browser saves or opens the PDF itself. The URL names the
 * citizen by id only and the file is named by the day, so no CPR travels in either.
 */
import { useTranslation } from "react-i18next";
import type { CitizenResource } from "../../../domain/access-policy";
import { useCan } from "../../app/session";
import { buttonClass } from "../../components/Button";
import { Icon } from "../../components/Icon";
import { useCourseCitizen } from "../courses/hooks";

export function letterUrl(citizenId: string): string {
  return `/api/citizens/${encodeURIComponent(citizenId)}/letter`;
}

export function LetterButton({
  citizenId,
  citizen,
  open,
}: {
  citizenId: string;
  /** The citizen as the policy sees them; null while it loads. */
  citizen: CitizenResource | null;
  /** A closed course has no plan to print. */
  open: boolean;
}) {
  const { t } = useTranslation("messaging");
  const can = useCan();
  if (!open || !citizen || !can({ kind: "citizen.letter", citizen })) return null;
  return (
    <>
      <div className="action-row">
        <a href={letterUrl(citizenId)} className={buttonClass("secondary")} download>
          <Icon name="print" />
          {t("letter.button")}
        </a>
      </div>
      <p className="form-hint">{t("letter.hint")}</p>
    </>
  );
}

/** The button as the course page places it: for the course's citizen, while the course is open. */
export function CourseLetterButton({ course }: { course: { citizen: { id: string }; stage: string } }) {
  const citizen = useCourseCitizen(course.citizen.id);
  return <LetterButton citizenId={course.citizen.id} citizen={citizen} open={course.stage !== "closed"} />;
}
