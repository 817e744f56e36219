/** Tells the time, so the domain never reads a clock itself. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}
