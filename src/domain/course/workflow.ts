/**
 * The course's stages as a state machine (seed 003, "Overblik over det typiske forløb"):
 * Afklar → Vejled og motivér → Afprøv → Følg op, and the model is circular — from follow-up
 * the coordinator may go back to clarification (or to guidance or trial) instead of closing.
 *
 * Rules chosen where the seeds are silent (docs/DOMAIN.md):
 * - Forward one stage needs no reason; skipping forward (a citizen who already knows what they
 *   want goes straight to trial), going back and closing need one, so the history says why.
 * - A paused course cannot move until it is resumed; a closed course never moves again (a new
 *   course is opened instead, so the old one keeps its history).
 * - A follow-up's FSIII result decides the next stage: E1 fortsættes → trial (the citizen keeps
 *   taking part), E2 ændres inden for rammen → guidance (find something else within the frame),
 *   E3 afsluttes → closed, E4 revisitation → clarification.
 */
import { COURSE_STAGES, type CourseStage, type FollowUpResult } from "./vocabulary.js";

export interface CourseState {
  stage: CourseStage;
  paused: boolean;
}

export type MoveRefusal = "closed" | "paused" | "same_stage" | "not_allowed" | "reason_required";
export type MoveResult = { ok: true; to: CourseStage } | { ok: false; refusal: MoveRefusal };

const ORDER: readonly CourseStage[] = COURSE_STAGES;
const rank = (s: CourseStage) => ORDER.indexOf(s);

/** The stages a course may move to from here (closing included), ignoring whether a reason is given. */
export function allowedMoves(state: CourseState): CourseStage[] {
  if (state.stage === "closed" || state.paused) return [];
  return ORDER.filter((to) => to !== state.stage && moveKind(state.stage, to) !== "not_allowed");
}

type MoveKind = "forward" | "skip" | "back" | "close" | "not_allowed";

function moveKind(from: CourseStage, to: CourseStage): MoveKind {
  if (to === "closed") return "close";
  const step = rank(to) - rank(from);
  if (step === 1) return "forward";
  if (step > 1) return "skip";
  // Going back is the circular model's turn from follow-up; earlier stages go forward only.
  return from === "follow_up" ? "back" : "not_allowed";
}

/** Whether a move must carry a reason for the history. */
export function moveNeedsReason(from: CourseStage, to: CourseStage): boolean {
  const kind = moveKind(from, to);
  return kind === "skip" || kind === "back" || kind === "close";
}

export function moveCourse(state: CourseState, to: CourseStage, reason?: string | null): MoveResult {
  if (state.stage === "closed") return { ok: false, refusal: "closed" };
  if (state.paused) return { ok: false, refusal: "paused" };
  if (to === state.stage) return { ok: false, refusal: "same_stage" };
  const kind = moveKind(state.stage, to);
  if (kind === "not_allowed") return { ok: false, refusal: "not_allowed" };
  if (moveNeedsReason(state.stage, to) && !reason?.trim()) return { ok: false, refusal: "reason_required" };
  return { ok: true, to };
}

export type PauseResult =
  { ok: true; paused: boolean } | { ok: false; refusal: "closed" | "already_paused" | "not_paused" };

export function pauseCourse(state: CourseState): PauseResult {
  if (state.stage === "closed") return { ok: false, refusal: "closed" };
  return state.paused ? { ok: false, refusal: "already_paused" } : { ok: true, paused: true };
}

export function resumeCourse(state: CourseState): PauseResult {
  if (state.stage === "closed") return { ok: false, refusal: "closed" };
  return state.paused ? { ok: true, paused: false } : { ok: false, refusal: "not_paused" };
}

/** The stage a follow-up result leads to. */
export function stageAfterFollowUp(result: FollowUpResult): CourseStage {
  switch (result) {
    case "E1":
      return "trial";
    case "E2":
      return "guidance";
    case "E3":
      return "closed";
    case "E4":
      return "clarification";
  }
}

/** A follow-up belongs to a course that has got past clarification and is not paused or closed. */
export function mayRecordFollowUp(state: CourseState): boolean {
  return (
    !state.paused && (state.stage === "guidance" || state.stage === "trial" || state.stage === "follow_up")
  );
}

/** Clips may be planned and registered while the course is open (a pause keeps planned clips but adds none). */
export function mayUseClips(state: CourseState): boolean {
  return state.stage !== "closed" && !state.paused;
}
