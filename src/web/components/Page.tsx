/**
 * Page title and heading. After a client-side navigation to another path the new page's h1
 * takes focus, so a screen-reader user hears where they landed; the first page of a visit and
 * a new search on the same page leave focus alone.
 */
import type { ReactNode } from "react";
import { useEffect, useRef } from "react";

let lastHeadingPath: string | null = null;

export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} – Broen`;
  }, [title]);
}

export function PageHeading({ children, title }: { children: ReactNode; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  usePageTitle(title);
  useEffect(() => {
    const path = window.location.pathname;
    if (lastHeadingPath !== null && lastHeadingPath !== path) ref.current?.focus();
    lastHeadingPath = path;
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}
