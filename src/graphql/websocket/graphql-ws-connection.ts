import {
  CloseCode,
  MessageType,
  parseMessage,
  type ConnectionInitMessage,
  type Message,
  type SubscribeMessage,
} from "graphql-ws";
import {
  createSourceEventStream,
  execute,
  GraphQLError,
  Kind,
  locatedError,
  OperationTypeNode,
  type ExecutionResult,
  type GraphQLFormattedError,
} from "graphql";
import type { Logger } from "pino";
import type { WebSocket } from "ws";
import type { TurnWatcher } from "../../domain/battle-broadcast";
import type { GraphQLContext } from "../context";
import type { ServerMetrics } from "../server-metrics";
import type { WsLimits } from "../server-options";
import { LiveTurnSource } from "../live-turn-source";
import { tooManyOperations } from "../ws-limits";
import {
  isRefusal,
  type OperationPayload,
  type PreparedOperation,
  type Refusal,
} from "./operation-preparer";
import { GraphQLWsOperation } from "./graphql-ws-operation";
import type { PayloadReceiver, TurnPayloads } from "./turn-payloads";

/** What a connection needs from its server. */
export interface ConnectionServices {
  /** Parses, validates and admits (rate limits) an operation, or says why not. */
  prepare(payload: OperationPayload, context: GraphQLContext): Promise<PreparedOperation | Refusal>;
  /** The context of one caller's operations. */
  contextOf(connectionParams: Readonly<Record<string, unknown>> | undefined): GraphQLContext;
  /** Errors as they leave the server (codes, masking), as over HTTP. */
  formatErrors: (errors: readonly GraphQLError[]) => GraphQLFormattedError[];
  payloads: TurnPayloads;
  limits: Pick<WsLimits, "maxSubscriptionsPerConnection" | "connectionInitTimeoutMs">;
  /** Unsent bytes past which a subscriber's connection is closed (it does not read). */
  maxBufferedBytes: number;
  /** Whether this socket may be acknowledged (false: refused, e.g. too many connections). */
  admitted(socket: WebSocket): boolean;
  metrics: ServerMetrics | undefined;
  logger: Logger;
}

/** The close of a subscriber's connection that does not read what it is sent. */
export const TOO_SLOW = Object.freeze({
  code: 1013,
  reason: "Too slow: the connection does not read its messages",
});

/**
 * One WebSocket connection speaking the graphql-transport-ws protocol (graphql-ws's, whose
 * client, message parser and close codes this uses). Every operation ends when its client
 * completes it or the socket closes, whatever the order of messages: operations are objects, not
 * ids, so an id completed and subscribed again names a new operation, and the old one, still
 * being set up, is released as soon as its setup returns. The per-connection cap counts every
 * operation set up or running, released ones still settling included. A bad payload fails its
 * operation alone.
 */
export class GraphQLWsConnection {
  /** The operations the client knows by id. */
  private readonly byId = new Map<string, GraphQLWsOperation>();
  /** Every operation being set up or running (the cap counts these). */
  private readonly active = new Set<GraphQLWsOperation>();
  private initReceived = false;
  private acknowledged = false;
  private context: GraphQLContext | undefined;
  private closed = false;
  private corked = false;
  private readonly initTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly socket: WebSocket,
    /** The TCP socket under it, corked while one event loop turn's messages are written. */
    private readonly raw: { cork(): void; uncork(): void },
    private readonly services: ConnectionServices,
  ) {
    const wait = services.limits.connectionInitTimeoutMs;
    if (wait > 0 && Number.isFinite(wait)) {
      this.initTimer = setTimeout(() => {
        if (!this.initReceived) {
          socket.close(
            CloseCode.ConnectionInitialisationTimeout,
            "Connection initialisation timeout",
          );
        }
      }, wait);
    }
    socket.on("message", (data: Buffer) => this.receive(data.toString()));
    socket.once("close", () => this.closedByEither());
  }

  /** Operations being set up or running (for tests). */
  get activeOperations(): number {
    return this.active.size;
  }

  private receive(data: string): void {
    // After a close of ours (1013): the client's messages still in flight change nothing.
    if (this.closed) return;
    let message: Message;
    try {
      message = parseMessage(data);
    } catch {
      this.socket.close(CloseCode.BadRequest, "Invalid message received");
      return;
    }
    switch (message.type) {
      case MessageType.ConnectionInit:
        this.init(message);
        return;
      case MessageType.Ping:
        this.send(
          JSON.stringify(
            message.payload
              ? { type: MessageType.Pong, payload: message.payload }
              : { type: MessageType.Pong },
          ),
        );
        return;
      case MessageType.Pong:
        return;
      case MessageType.Subscribe:
        this.subscribe(message);
        return;
      case MessageType.Complete: {
        const op = this.byId.get(message.id);
        if (op) this.end(op);
        return;
      }
      default:
        // Messages only a server sends (ack, next, error...): the client broke the protocol.
        this.socket.close(CloseCode.BadRequest, "Invalid message received");
    }
  }

  private init(message: ConnectionInitMessage): void {
    if (this.initReceived) {
      this.socket.close(
        CloseCode.TooManyInitialisationRequests,
        "Too many initialisation requests",
      );
      return;
    }
    this.initReceived = true;
    if (this.initTimer) clearTimeout(this.initTimer);
    if (!this.services.admitted(this.socket)) {
      this.socket.close(CloseCode.Forbidden, "Forbidden");
      return;
    }
    const params = isRecord(message.payload) ? message.payload : undefined;
    this.context = this.services.contextOf(params);
    this.acknowledged = true;
    this.send(JSON.stringify({ type: MessageType.ConnectionAck }));
  }

  private subscribe(message: SubscribeMessage): void {
    const { context } = this;
    if (!this.acknowledged || !context) {
      this.socket.close(CloseCode.Unauthorized, "Unauthorized");
      return;
    }
    const { id } = message;
    if (this.byId.has(id)) {
      this.socket.close(CloseCode.SubscriberAlreadyExists, `Subscriber for ${id} already exists`);
      return;
    }
    const op = new GraphQLWsOperation(id, this.services.metrics?.ws.started());
    this.byId.set(id, op);
    this.active.add(op);
    const tooMany = tooManyOperations(this.active.size, this.services.limits);
    if (tooMany) {
      op.settled = true;
      this.fail(op, tooMany);
      return;
    }
    this.run(op, message.payload, context)
      .catch((error: unknown) => {
        // A bug of ours in this operation: it alone fails, the socket and the others go on.
        this.services.logger.error({ err: error }, "internal error in a WebSocket operation");
        this.fail(op, [
          new GraphQLError("Internal server error", {
            extensions: { code: "INTERNAL_SERVER_ERROR" },
          }),
        ]);
      })
      .finally(() => {
        op.settled = true;
        if (op.done) this.release(op);
      });
  }

  /** Sets up and runs one operation; each await is followed by a look at whether it ended. */
  private async run(op: GraphQLWsOperation, payload: OperationPayload, context: GraphQLContext) {
    const prepared = await this.services.prepare(payload, context);
    if (op.done) return;
    if (op.metric) this.services.metrics?.ws.resolved(op.metric, prepared.operation);
    if (isRefusal(prepared)) {
      this.fail(op, prepared.errors);
      return;
    }
    if (prepared.operation.operation !== OperationTypeNode.SUBSCRIPTION) {
      const result = await execute(prepared.args);
      if (op.done) return;
      this.send(`${op.nextHead}${this.services.payloads.text(result)}}`);
      if (op.metric) {
        const errors = result.errors && this.services.formatErrors(result.errors);
        this.services.metrics?.ws.answered(op.metric, errors, result.data);
      }
      this.end(op, true);
      return;
    }
    const source = await createSourceEventStream(prepared.args);
    if (op.done) return;
    if (!(source instanceof LiveTurnSource)) {
      if (isExecutionResult(source)) {
        this.fail(op, source.errors ?? []);
        return;
      }
      throw new Error("A subscription field must resolve to a LiveTurnSource");
    }
    const root = prepared.operation.selectionSet.selections[0];
    const path = [root?.kind === Kind.FIELD ? (root.alias ?? root.name).value : "subscription"];
    const located = (error: unknown) => locatedError(error, root ? [root] : undefined, path);
    try {
      op.stop = await source.start(this.watcherOf(op, prepared, located));
    } catch (error) {
      if (!op.done) this.fail(op, [located(error)]);
      return;
    }
    if (!op.done && op.metric) this.services.metrics?.ws.listening(op.metric);
  }

  /**
   * Where a live operation's turns go: from the game's delivery loop to TurnPayloads, which hands
   * the turn's text to `receiver` at once when made already, or once made, in turn order.
   */
  private watcherOf(
    op: GraphQLWsOperation,
    prepared: PreparedOperation,
    located: (error: unknown) => GraphQLError,
  ): TurnWatcher {
    const { payloads } = this.services;
    const receiver: PayloadReceiver = {
      payload: (json) => {
        op.waiting--;
        if (op.done) return;
        this.send(op.nextMessage(json));
        if (op.endWhenSent && op.waiting === 0) this.end(op, true);
      },
      failed: (error) => {
        op.waiting--;
        this.services.logger.error({ err: error }, "internal error making a turn's message");
        this.fail(op, [
          new GraphQLError("Internal server error", {
            extensions: { code: "INTERNAL_SERVER_ERROR" },
          }),
        ]);
      },
    };
    return {
      turn: (turn) => {
        if (op.done) return;
        op.waiting++;
        payloads.deliver(turn, prepared, receiver);
      },
      ended: () => {
        if (op.done) return;
        if (op.waiting > 0) op.endWhenSent = true;
        else this.end(op, true);
      },
      failed: (error) => {
        if (!op.done) this.fail(op, [located(error)]);
      },
    };
  }

  /** Ends an operation with an `error` message. */
  private fail(op: GraphQLWsOperation, errors: readonly GraphQLError[]): void {
    if (op.done) return;
    const formatted = this.services.formatErrors(errors);
    if (op.metric) this.services.metrics?.ws.answered(op.metric, formatted);
    if (this.byId.get(op.id) === op) {
      this.send(JSON.stringify({ id: op.id, type: MessageType.Error, payload: formatted }));
    }
    this.end(op);
  }

  /**
   * Ends an operation: by the client's complete, by the server (`notify`: a `complete` message),
   * or after an error. What it holds is released now, or once its setup returns.
   */
  private end(op: GraphQLWsOperation, notify = false): void {
    if (op.done) return;
    op.done = true;
    if (this.byId.get(op.id) === op) {
      this.byId.delete(op.id);
      if (notify) this.send(JSON.stringify({ id: op.id, type: MessageType.Complete }));
    }
    if (op.metric) this.services.metrics?.ws.finished(op.metric);
    if (op.settled) this.release(op);
  }

  private release(op: GraphQLWsOperation): void {
    const stop = op.stop;
    op.stop = undefined;
    this.active.delete(op);
    stop?.();
  }

  private closedByEither(): void {
    this.closed = true;
    if (this.initTimer) clearTimeout(this.initTimer);
    for (const op of [...this.active]) this.end(op);
  }

  /**
   * Writes one message. On a connection running several operations, the messages of one event
   * loop turn (a game's turn delivered to each of them) leave in one write: the socket is corked
   * until the loop's current work is done. A connection with one operation writes at once (ws
   * writes a message in one system call anyway), so that its client can read while the server
   * goes on writing to the others. A connection that leaves more than maxBufferedBytes unread is
   * closed: nothing piles up for it (its client reconnects and catches up with fromTurn).
   */
  private send(data: string | Buffer): void {
    const { socket } = this;
    if (this.closed || socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > this.services.maxBufferedBytes) {
      socket.close(TOO_SLOW.code, TOO_SLOW.reason);
      // Its operations end now, not when a client that does not read answers the close.
      this.closedByEither();
      return;
    }
    if (!this.corked && this.active.size > 1) {
      this.corked = true;
      this.raw.cork();
      process.nextTick(this.uncork);
    }
    // A Buffer is sent as it is (no copy, no UTF-8 scan), as a text message all the same.
    socket.send(data, TEXT);
  }

  private readonly uncork = (): void => {
    this.corked = false;
    this.raw.uncork();
  };
}

/** ws's options for a text message, whether its data is a string or UTF-8 bytes. */
const TEXT = Object.freeze({ binary: false });

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isExecutionResult(value: unknown): value is ExecutionResult {
  return typeof value === "object" && value !== null && "errors" in value;
}
