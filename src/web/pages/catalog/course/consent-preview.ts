/**
 * What each consent field would share with the volunteer centre, computed in the browser from
 * what the course page already shows — the same rules as the server (name, phone, address, the
 * decade of the age, interests and wishes of the citizen's current profile, times of day,
 * mobility derived from the barriers). The server computes the real thing when it is sent.
 */
import type { CitizenDetail } from "../../../../shared/api/citizens";
import type { BarrierCatalogue } from "../../../../shared/api/course-definitions";
import type { ConsentField } from "../../../../shared/api/placements";
import type { CourseDetail } from "../../courses/api";
import type { MatchingProfile } from "../api";
import type { Words } from "../words";

/** The citizen's current profile (the conversation recorded last): what the server shares too. */
export function latestHeldConversation(course: CourseDetail) {
  return course.profile;
}

export function consentPreview(
  w: Words,
  course: CourseDetail,
  citizen: CitizenDetail | undefined,
  profile: MatchingProfile | undefined,
  catalogue: BarrierCatalogue | undefined,
): Record<ConsentField, string> {
  const { t } = w;
  const conversation = latestHeldConversation(course);
  const unknown = t("refer.unknown");
  const barriers = (catalogue?.barriers ?? []).filter((b) => conversation?.barriers.includes(b.id));
  const mobility = [
    ...(barriers.some((b) => b.requires.includes("step_free") || b.requires.includes("wheelchair_rollator"))
      ? [w.code("mobility", "rollator_or_wheelchair")]
      : []),
    ...(barriers.some((b) => b.housebound) ? [w.code("mobility", "cannot_leave_home")] : []),
  ];
  const decade = citizen ? Math.floor(citizen.age / 10) * 10 : null;
  return {
    firstName: citizen?.firstName ?? unknown,
    lastName: citizen?.lastName ?? unknown,
    phone: citizen ? (citizen.phone ?? t("refer.none")) : unknown,
    address: citizen ? `${citizen.addressLine}, ${citizen.postalCode} ${citizen.city}` : unknown,
    ageGroup: decade === null ? unknown : t("refer.ageGroup", { from: decade, to: decade + 9 }),
    interests:
      conversation && conversation.interests.length > 0
        ? w.list(conversation.interests.map(w.interest))
        : t("refer.none"),
    wishes: conversation?.wishes || t("refer.none"),
    availability:
      profile && profile.preferredTimes.length > 0
        ? w.list(profile.preferredTimes.map((x) => w.code("timeOfDay", x)))
        : t("refer.anyTime"),
    mobility: mobility.length > 0 ? w.list(mobility) : t("refer.noMobilityNeeds"),
  };
}
