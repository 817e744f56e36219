import type { Clock } from "../domain/clock";

/** The machine's wall clock. */
export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }
}
