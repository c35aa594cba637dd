/** Error messages of matching, placements, volunteer referrals and small communities (issue 5); merged into ERROR_MESSAGES. */
import type { Lang } from "./lang.js";

export const PLACEMENT_MESSAGES = {
  placement_not_found: { da: "Placeringen findes ikke.", en: "The placement does not exist." },
  placement_already_active: {
    da: "Borgeren er allerede i gang med denne aktivitet i forløbet.",
    en: "The citizen already has an active placement in this activity in the course.",
  },
  placement_move_not_allowed: {
    da: "Placeringen kan ikke flyttes til den status herfra. Et nyt forsøg oprettes som en ny placering.",
    en: "The placement cannot move to that status from here. A new try is a new placement.",
  },
  volunteer_referral_not_found: {
    da: "Henvisningen til frivilligcentret findes ikke.",
    en: "The referral to the volunteer centre does not exist.",
  },
  volunteer_referral_answer_not_allowed: {
    da: "Henvisningen er allerede besvaret. Efter et match kan I kun melde tilbage, at opgaven er blevet for kompleks.",
    en: "The referral has already been answered. After a match you can only report back that it has become too complex.",
  },
  small_community_not_found: { da: "Fællesskabet findes ikke.", en: "The community does not exist." },
  small_community_ended: {
    da: "Fællesskabet er afsluttet og kan ikke ændres.",
    en: "The community has ended and cannot be changed.",
  },
  small_community_full: {
    da: "Et lille fællesskab har højst fem deltagere.",
    en: "A small community has at most five members.",
  },
  small_community_member_exists: {
    da: "Borgeren er allerede med i fællesskabet.",
    en: "The citizen is already a member of the community.",
  },
  small_community_member_not_found: {
    da: "Borgeren er ikke med i fællesskabet.",
    en: "The citizen is not a member of the community.",
  },
} as const satisfies Record<string, Record<Lang, string>>;
