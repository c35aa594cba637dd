export interface NavItem {
  to: string;
  label: string;
}

export function isCurrent(pathname: string, to: string): boolean {
  return to === "/" ? pathname === "/" : pathname === to || pathname.startsWith(`${to}/`);
}

/** The one menu item to mark current: the most specific match (/administration/forloeb, not /administration too). */
export function currentItem(pathname: string, items: NavItem[]): string | null {
  const matches = items.filter((i) => isCurrent(pathname, i.to)).sort((a, b) => b.to.length - a.to.length);
  return matches[0]?.to ?? null;
}

/** A card on the home page that leads to a feature (each feature's routes.tsx offers its own). */
export interface HomeCard {
  to: string;
  title: string;
  text: string;
  icon: string;
}
