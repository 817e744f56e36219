import type { WebSocket } from "ws";

/** How often each connection is pinged; one that has not answered its last ping is cut. */
export const KEEP_ALIVE_MS = 12_000;
/** The period is cut into this many ticks, each pinging one group of connections. */
const GROUPS = 12;

/** A connection kept alive: whether it answered its last ping. */
interface Kept {
  answered: boolean;
}

/**
 * Pings every WebSocket connection once per period and cuts one that has not answered the ping
 * before (a peer gone without a close, such as a dropped network, is found within two periods).
 * Connections are dealt in turn into groups, and each tick pings one group: the pings are spread
 * over the period, so the thousands of watchers that connect at once after a restart are never
 * pinged in one burst that would hold up a turn's delivery, and one timer serves them all.
 */
export class KeepAlive {
  private readonly groups: Map<WebSocket, Kept>[];
  /** The group the next connection joins. */
  private joining = 0;
  /** The group the next tick pings. */
  private due = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(periodMs = KEEP_ALIVE_MS, groups = GROUPS) {
    this.groups = Array.from({ length: groups }, () => new Map<WebSocket, Kept>());
    this.timer = setInterval(() => this.tick(), periodMs / groups);
    this.timer.unref();
  }

  /** Connections being kept alive. */
  get size(): number {
    return this.groups.reduce((sum, group) => sum + group.size, 0);
  }

  /** Keeps an open connection alive until it closes. */
  add(socket: WebSocket): void {
    // Closed already: its close event is gone, and nothing would take it out again.
    if (socket.readyState === socket.CLOSED) return;
    const group = this.groups[this.joining]!;
    this.joining = (this.joining + 1) % this.groups.length;
    const kept: Kept = { answered: true };
    group.set(socket, kept);
    socket.on("pong", () => {
      kept.answered = true;
    });
    socket.once("close", () => group.delete(socket));
  }

  /** One tick (the timer's): pings the group that is due, and cuts its silent connections. */
  tick(): void {
    const group = this.groups[this.due]!;
    this.due = (this.due + 1) % this.groups.length;
    for (const [socket, kept] of group) {
      if (!kept.answered) {
        socket.terminate();
        continue;
      }
      kept.answered = false;
      socket.ping();
    }
  }

  /** Stops pinging: the server is stopping. */
  stop(): void {
    clearInterval(this.timer);
  }
}
