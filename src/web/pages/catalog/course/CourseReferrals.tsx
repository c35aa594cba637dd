/**
 * The course's referrals to the volunteer centre with their answers, and "Henvis til
 * frivilligcenter" for the coordinator (with the citizen's consent, field by field).
 */
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "../../../components/Alert";
import { Button } from "../../../components/Button";
import { LoadError } from "../../../components/LoadError";
import { Spinner } from "../../../components/Spinner";
import type { CourseDetail } from "../../courses/api";
import { afproevApi, catalogKeys } from "../api";
import { ReferralCard } from "../volunteer/ReferralCard";
import { useWords } from "../words";
import { WithdrawConsent } from "../../privacy/WithdrawConsent";
import { ReferForm } from "./ReferForm";

export function CourseReferrals({
  course,
  mayRefer,
  mayList,
  mayWithdraw = false,
}: {
  course: CourseDetail;
  mayRefer: boolean;
  mayList: boolean;
  /** The citizen withdrew consent to sharing (issue 13): the coordinator records it on the referral. */
  mayWithdraw?: boolean;
}) {
  const { t } = useWords();
  const [open, setOpen] = useState(false);
  const [sent, setSent] = useState(false);
  const referrals = useQuery({
    queryKey: catalogKeys.courseReferrals(course.id),
    queryFn: ({ signal }) => afproevApi.referrals({ courseId: course.id }, signal),
    enabled: mayList,
  });
  return (
    <div className="mt-6">
      <h3 id="course-volunteer">{t("refer.sectionHeading")}</h3>
      {sent ? <Alert variant="success" heading={t("refer.sent")} headingLevel={3} /> : null}
      {mayRefer ? (
        <div className="action-row">
          <Button
            variant="secondary"
            icon="send"
            aria-expanded={open}
            aria-controls={open ? "refer-panel" : undefined}
            onClick={() => (setSent(false), setOpen(!open))}
          >
            {t("refer.open")}
          </Button>
        </div>
      ) : null}
      {open ? (
        <div id="refer-panel" className="section-panel">
          <ReferForm
            course={course}
            onDone={() => (setOpen(false), setSent(true))}
            onCancel={() => setOpen(false)}
          />
        </div>
      ) : null}
      {referrals.isPending && mayList ? <Spinner /> : null}
      {referrals.error ? (
        <LoadError error={referrals.error} onRetry={() => void referrals.refetch()} />
      ) : null}
      {referrals.data?.length === 0 ? <p>{t("refer.noneSent")}</p> : null}
      {referrals.data && referrals.data.length > 0 ? (
        <ul className="card-list" aria-labelledby="course-volunteer" data-testid="course-referrals">
          {referrals.data.map((r) => (
            <ReferralCard key={r.id} referral={r} headingLevel={4}>
              {mayWithdraw ? <WithdrawConsent referral={r} /> : null}
            </ReferralCard>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
