import { useEffect } from "react";

/**
 * Moves focus to the element with this id when it opens: an inline editor or a confirmation that
 * replaces the button the user just pressed, so keyboard and screen-reader users continue where
 * they were instead of at the top of the page (WCAG 2.4.3). Not for content that appears on its
 * own (a page loading): that must not take focus, which is why `autoFocus` is not used.
 */
export function useFocusWhenOpened(id: string, open = true): void {
  useEffect(() => {
    if (open) document.getElementById(id)?.focus();
  }, [id, open]);
}
