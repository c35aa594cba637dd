import { type Dispatch, type SetStateAction, useState } from "react";

/**
 * A text box's own state that starts from a value held elsewhere (the search text in the URL) and
 * starts again from it whenever that value changes (back/forward moves to another history entry);
 * in between, what the user types is theirs. Adjusted while rendering, as React advises for state
 * that follows a prop, rather than in an effect that would render the stale text first.
 */
export function useDraftOf(source: string): [string, Dispatch<SetStateAction<string>>] {
  const [draft, setDraft] = useState(source);
  const [followed, setFollowed] = useState(source);
  if (followed !== source) {
    setFollowed(source);
    setDraft(source);
  }
  return [draft, setDraft];
}
