/**
 * Where a login returns to (issue 15 point 1, issue 17 point 3). One rule for the server's OIDC
 * `returnTo` and the web app's `/login?next=`: only a local path of this app, never another site
 * (an open redirect would let a phishing link borrow the municipality's login page). Pure.
 */

/** Only a local path is a place to return to: "/borgere?x=1" yes; "//evil", "https://…", "/\\evil" no. */
export function safeReturnTo(returnTo: string | null | undefined): string {
  if (!returnTo || !returnTo.startsWith("/") || returnTo.startsWith("//") || returnTo.startsWith("/\\"))
    return "/";
  // No control characters (a header split) and no backslash (browsers read "/\\x" as "//x").
  if ([...returnTo].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f || c === "\\")) return "/";
  return returnTo.slice(0, 500);
}

/** The login page's own address is no destination: returning there would only show the login again. */
export function returnPathAfterLogin(next: string | null | undefined): string {
  const path = safeReturnTo(next);
  return /^\/login(?:[/?#]|$)/.test(path) ? "/" : path;
}
