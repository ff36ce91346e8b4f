/**
 * Quiet hours in the employee's own time zone. Unknown or invalid zones are not quiet (the
 * campaign cannot know the local time, and the admin chose to nudge).
 */
import type { QuietHours } from './model';

const STEP_MS = 15 * 60 * 1000;

/** Bounded cache of formatters (creating one per call is slow; zones are few). */
export class LocalHours {
  private readonly formats = new Map<string, Intl.DateTimeFormat | null>();

  hourIn(timeZone: string, at: Date): number | undefined {
    let format = this.formats.get(timeZone);
    if (format === undefined) {
      try {
        format = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' });
      } catch {
        format = null;
      }
      if (this.formats.size < 1000) this.formats.set(timeZone, format);
    }
    if (format === null) return undefined;
    const hour = Number(format.formatToParts(at).find((p) => p.type === 'hour')?.value);
    return Number.isInteger(hour) ? hour % 24 : undefined;
  }

  isQuiet(quiet: QuietHours, timeZone: string | undefined, at: Date): boolean {
    if (timeZone === undefined) return false;
    const hour = this.hourIn(timeZone, at);
    if (hour === undefined) return false;
    return quiet.startHour < quiet.endHour
      ? hour >= quiet.startHour && hour < quiet.endHour
      : hour >= quiet.startHour || hour < quiet.endHour;
  }

  /** The first instant (on a 15-minute grid) at or after `at` outside quiet hours; `at` itself when not quiet. */
  nextAllowed(quiet: QuietHours | null, timeZone: string | undefined, at: Date): Date {
    if (quiet === null || !this.isQuiet(quiet, timeZone, at)) return at;
    let t = Math.ceil(at.getTime() / STEP_MS) * STEP_MS;
    for (let i = 0; i < 2 * 96 && this.isQuiet(quiet, timeZone, new Date(t)); i += 1) t += STEP_MS;
    return new Date(t);
  }
}
