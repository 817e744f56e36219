import type { StopWatching } from "../../domain/battle-broadcast";
import type { WsOperationMetric } from "../server-metrics";

/** One operation of a graphql-transport-ws connection, from its subscribe message until it ends. */
export class GraphQLWsOperation {
  /** Ended for the client: completed, failed, or its socket closed. Nothing more is sent. */
  done = false;
  /** Its setup (prepare, start) is over: what it holds is in `stop`. */
  settled = false;
  stop: StopWatching | undefined;
  /** Turns whose payload is still being made: the game's end is told after them. */
  waiting = 0;
  /** The game ended while payloads were still being made. */
  endWhenSent = false;
  /** `{"id":<id>,"type":"next","payload":`: a `next` message is this, its payload and `}`. */
  readonly nextHead: string;
  /** The same, as UTF-8: a turn's message is built from bytes, its payload encoded once for all. */
  private readonly nextHeadBytes: Buffer;

  constructor(
    readonly id: string,
    readonly metric: WsOperationMetric | undefined,
  ) {
    this.nextHead = `{"id":${JSON.stringify(id)},"type":"next","payload":`;
    this.nextHeadBytes = Buffer.from(this.nextHead);
  }

  /** A `next` message for one turn: this operation's head, the payload's bytes, and `}`. */
  nextMessage(payload: Buffer): Buffer {
    const head = this.nextHeadBytes;
    const message = Buffer.allocUnsafe(head.length + payload.length + 1);
    head.copy(message, 0);
    payload.copy(message, head.length);
    message[message.length - 1] = 0x7d; // "}"
    return message;
  }
}
