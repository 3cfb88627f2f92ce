/**
 * A plan's consultation windows (proposing, supporting): not yet open, open,
 * or closed. A window without an opening moment has not opened; one without a
 * closing moment stays open once opened.
 */
export type WindowState = { state: "notYet"; opensAt: string | null } | { state: "open"; closesAt: string | null } | { state: "closed"; closedAt: string };

export function windowState(openAt: Date | string | null, closeAt: Date | string | null, now: Date = new Date()): WindowState {
  const open = openAt ? new Date(openAt) : null;
  const close = closeAt ? new Date(closeAt) : null;
  if (!open || now < open) return { state: "notYet", opensAt: open ? open.toISOString() : null };
  if (close && now >= close) return { state: "closed", closedAt: close.toISOString() };
  return { state: "open", closesAt: close ? close.toISOString() : null };
}
