import type { Clock } from "../domain/clock.port";

/** The machine's wall clock. */
export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }
}
