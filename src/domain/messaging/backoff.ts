/**
 * When a message whose delivery failed is tried again (issue 16): soon after a first failure (a
 * server restarting), then further apart, so an SMTP server or gateway down for a day is not
 * hammered, and the administrator sees the message failed after the municipality's maxAttempts.
 */

/** Minutes before the next try after the n-th failed attempt (1-based): 1, 5, 15, 60, 180, then 360. */
const DELAYS_MINUTES = [1, 5, 15, 60, 180, 360] as const;

export function retryDelayMinutes(attempts: number): number {
  const i = Math.min(Math.max(attempts, 1), DELAYS_MINUTES.length) - 1;
  return DELAYS_MINUTES[i]!;
}

/** The next try's instant, or null when the attempts are used up (the message is failed). */
export function nextAttemptAt(now: Date, attempts: number, maxAttempts: number): Date | null {
  if (attempts >= maxAttempts) return null;
  return new Date(now.getTime() + retryDelayMinutes(attempts) * 60_000);
}

/**
 * How long a message may stay "sending" before it is taken as cut off (its process killed between
 * the claim and the mark) and queued again. Far above the transports' own timeouts (a send gives
 * up after at most ~1 minute), so a slow send that is still running is not repeated.
 */
export const SENDING_TIMEOUT_MINUTES = 10;
