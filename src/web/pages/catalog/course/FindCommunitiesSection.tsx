/**
 * "Find fællesskaber" on the course page (issue 5, points 3–5): the matching profile, the
 * ranked suggestions with why they fit and what does not, "Foreslå" to place the citizen, the
 * printable short list, the placements with their lifecycle, and the referral to the volunteer
 * centre. Each part is shown only to those the shared policy lets through.
 */
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useCan } from "../../../app/session";
import { Button } from "../../../components/Button";
import { LoadError } from "../../../components/LoadError";
import { Spinner } from "../../../components/Spinner";
import { useDates } from "../../../format";
import type { CourseDetail } from "../../courses/api";
import { useCourseCitizen } from "../../courses/hooks";
import { type Matches, afproevApi, catalogKeys } from "../api";
import { useWords } from "../words";
import { CourseReferrals } from "./CourseReferrals";
import { Placements } from "./Placements";
import { ProfileForm } from "./ProfileForm";
import { Suggestions, useBarrierLabel } from "./Suggestions";
import "../catalog.css";

export default function FindCommunitiesSection({ course }: { course: CourseDetail }) {
  const { t } = useWords();
  const can = useCan();
  const citizen = useCourseCitizen(course.citizen.id);
  const open = course.stage !== "closed";
  const rights = citizen
    ? {
        match: open && can({ kind: "matching.run", citizen }),
        place: open && can({ kind: "placement.manage", citizen }),
        read: can({ kind: "placement.read", citizen }),
        plan: open && can({ kind: "clip.plan", citizen }),
        refer: open && can({ kind: "volunteerReferral.create", citizen }),
        referrals: can({ kind: "volunteerReferral.inbox" }),
        withdraw: can({ kind: "volunteerReferral.withdrawConsent", citizen }),
      }
    : null;
  return (
    <section aria-labelledby="course-communities" className="mt-7" data-testid="find-communities">
      <h2 id="course-communities">{t("find.heading")}</h2>
      <p className="form-hint">{t("find.intro")}</p>
      {!rights ? <Spinner /> : null}
      {rights?.match ? <Matching course={course} mayPlace={rights.place} /> : null}
      {rights?.read ? (
        <Placements courseId={course.id} mayManage={rights.place} mayPlan={rights.plan} />
      ) : null}
      {rights && (rights.refer || rights.referrals) ? (
        <CourseReferrals
          course={course}
          mayRefer={rights.refer}
          mayList={rights.referrals}
          mayWithdraw={rights.withdraw}
        />
      ) : null}
    </section>
  );
}

/** The profile form first; after "Find fællesskaber" the suggestions (the form folds into a summary). */
function Matching({ course, mayPlace }: { course: CourseDetail; mayPlace: boolean }) {
  const { t } = useWords();
  const [searched, setSearched] = useState(false);
  const [editing, setEditing] = useState(true);
  const profile = useQuery({
    queryKey: catalogKeys.profile(course.id),
    queryFn: ({ signal }) => afproevApi.profile(course.id, signal),
  });
  const matches = useQuery({
    queryKey: catalogKeys.matches(course.id),
    queryFn: ({ signal }) => afproevApi.matches(course.id, signal),
    enabled: searched,
  });
  return (
    <div className="section-panel">
      {profile.isPending ? <Spinner /> : null}
      {profile.error ? <LoadError error={profile.error} onRetry={() => void profile.refetch()} /> : null}
      {profile.data && editing ? (
        <ProfileForm
          courseId={course.id}
          profile={profile.data}
          onSaved={() => {
            setSearched(true);
            setEditing(false);
          }}
        />
      ) : null}
      {!editing ? (
        <div className="action-row">
          <Button variant="secondary" icon="tune" onClick={() => setEditing(true)}>
            {t("find.editProfile")}
          </Button>
        </div>
      ) : null}
      {searched && matches.isFetching && !matches.data ? <Spinner label={t("find.searching")} /> : null}
      {matches.error ? <LoadError error={matches.error} onRetry={() => void matches.refetch()} /> : null}
      {searched && matches.data ? (
        <div aria-busy={matches.isFetching || undefined}>
          <UsedProfile matches={matches.data} />
          <Suggestions
            courseId={course.id}
            citizenName={course.citizen.name}
            matches={matches.data}
            mayPlace={mayPlace}
          />
        </div>
      ) : null}
    </div>
  );
}

/** What the ranking went by: the conversation's interests and barriers, the profile, whether the home has coordinates. */
function UsedProfile({ matches }: { matches: Matches }) {
  const w = useWords();
  const { t } = w;
  const dates = useDates();
  const barrier = useBarrierLabel();
  const p = matches.profile;
  return (
    <div className="summary-box catalog-used mb-5" role="status" data-testid="used-profile">
      <p className="mb-0">
        <strong>
          {p.conversationHeldAt
            ? t("find.usedConversation", { at: dates.dateTime(p.conversationHeldAt) })
            : t("find.noConversation")}
        </strong>
      </p>
      <p className="mb-0">
        {t("find.usedInterests", {
          list: p.interests.length > 0 ? w.list(p.interests.map(w.interest)) : t("find.noneRecorded"),
        })}
      </p>
      <p className="mb-0" data-testid="used-barriers">
        {t("find.usedBarriers", {
          list: p.barriers.length > 0 ? w.list(p.barriers.map(barrier)) : t("find.noneRecorded"),
        })}
      </p>
      <p className="mb-0">
        {w.code("isolation", p.isolation)} ·{" "}
        {p.effectiveTimes.length > 0
          ? w.list(p.effectiveTimes.map((x) => w.code("timeOfDay", x)))
          : t("refer.anyTime")}{" "}
        · {t("find.within", { km: p.effectiveMaxDistanceKm })}
      </p>
      {!p.homeKnown ? <p className="mb-0">{t("find.homeUnknown")}</p> : null}
    </div>
  );
}
