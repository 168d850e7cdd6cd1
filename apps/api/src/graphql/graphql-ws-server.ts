import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { GraphQLError, getOperationAST, specifiedRules, validate, type DocumentNode, type ExecutionArgs } from 'graphql';
import { CloseCode, handleProtocols, makeServer, type Context } from 'graphql-ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Actor } from '@app/domain';
import { ReadModels } from '@app/projections';
import { TokenVerifier } from '../auth/token-verifier';
import type { AppConfig } from '../config/app-config';
import { BODY_LIMIT } from '../http/request-limits';
import { APP_CONFIG } from '../infrastructure/tokens';
import { errorFormatter } from './error-formatting';
import { assertAffordable, operationLimits, priceWork } from './query-limits';
import type { RequestContext } from './request-context';

/** Live subscriptions one socket, and one user across sockets, may hold at a time. */
export const SUBSCRIPTIONS_PER_SOCKET = 20;
export const SUBSCRIPTIONS_PER_USER = 50;
/** How often a socket is pinged; one that has not answered the last ping is dropped. */
const KEEP_ALIVE_MS = 12_000;

interface Extra {
  socket: WebSocket;
  request: IncomingMessage;
  actor?: Actor;
}

type WsContext = Context<Record<string, unknown> | undefined, Extra>;

/**
 * graphql-ws on `/graphql`, run by this service rather than by Nest's GraphQL module so that a
 * WebSocket gets what HTTP gets: the same body size limit (per message), the same parse and
 * validation limits (GraphQL Armor's rules, the work limit, introspection off in production),
 * and the same error codes. Only subscriptions travel here; queries and mutations go over HTTP.
 * A socket holds at most SUBSCRIPTIONS_PER_SOCKET of them and a user SUBSCRIPTIONS_PER_USER,
 * and lives no longer than the token it was opened with.
 */
@Injectable()
export class GraphqlWsServer implements OnApplicationShutdown {
  private readonly logger = new Logger('GraphqlWs');
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: BODY_LIMIT, handleProtocols });
  /** Each user's open, authenticated sockets. */
  private readonly socketsOf = new Map<string, Set<WsContext>>();
  private readonly format = errorFormatter(this.logger);

  constructor(
    private readonly schemaHost: GraphQLSchemaHost,
    private readonly verifier: TokenVerifier,
    private readonly readModels: ReadModels,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  attach(httpServer: Server): void {
    const limits = operationLimits(this.config.production);
    const schema = this.schemaHost.schema;
    const server = makeServer<Record<string, unknown> | undefined, Extra>({
        schema,
        onConnect: (ctx) => this.connect(ctx),
        onSubscribe: (ctx, _id, payload) => {
          let document: DocumentNode;
          try {
            document = limits.parse(payload.query);
          } catch (error) {
            return [coded(error instanceof GraphQLError ? error : new GraphQLError('the operation does not parse'), 'GRAPHQL_PARSE_FAILED')];
          }
          // As over HTTP: the limits judge only an operation that is valid GraphQL.
          let errors = validate(schema, document, specifiedRules);
          if (errors.length === 0) errors = validate(schema, document, limits.rules);
          if (errors.length > 0) return errors.map((error) => coded(error, 'GRAPHQL_VALIDATION_FAILED'));
          const operation = getOperationAST(document, payload.operationName);
          if (!operation || operation.operation !== 'subscription') {
            return [new GraphQLError('only subscriptions travel over WebSocket: send queries and mutations to POST /graphql', { extensions: { code: 'BAD_REQUEST' } })];
          }
          try {
            assertAffordable(priceWork(document, schema, operation, payload.variables ?? {}, () => this.readModels.sizes()));
          } catch (error) {
            return [error as GraphQLError];
          }
          const refused = this.refusal(ctx);
          if (refused) return [refused];
          const args: ExecutionArgs = {
            schema,
            document,
            operationName: payload.operationName,
            variableValues: payload.variables,
            contextValue: this.context(ctx),
          };
          return args;
        },
        onNext: (_ctx, _id, _payload, _args, result) =>
          result.errors ? { ...result, errors: result.errors.map((error) => this.format(error.toJSON(), error)) } : undefined,
        onError: (_ctx, _id, _payload, errors) => errors.map((error) => this.format(error.toJSON(), error)),
        onClose: (ctx) => this.forget(ctx),
    });
    httpServer.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (new URL(request.url ?? '/', 'http://localhost').pathname !== '/graphql') {
        socket.destroy();
        return;
      }
      this.wss.handleUpgrade(request, socket, head, (ws) => this.open(server, ws, request));
    });
  }

  async onApplicationShutdown(): Promise<void> {
    // Shutting down: no closing handshake to wait for.
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  /**
   * One socket, carried to graphql-ws's protocol. A peer that vanishes (ECONNRESET) or answers
   * no ping ends its socket quietly: one debug line, not one per subscription.
   */
  private open(server: ReturnType<typeof makeServer<Record<string, unknown> | undefined, Extra>>, ws: WebSocket, request: IncomingMessage): void {
    ws.on('error', (error) => this.logger.debug({ msg: 'socket error', error: error.message }));
    let alive = true;
    ws.on('pong', () => (alive = true));
    const keepAlive = setInterval(() => {
      if (!alive) return ws.terminate();
      alive = false;
      ws.ping();
    }, KEEP_ALIVE_MS);
    const closed = server.opened(
      {
        protocol: ws.protocol,
        send: (data) =>
          new Promise<void>((resolve) => {
            if (ws.readyState !== ws.OPEN) return resolve();
            // A send to a peer that has gone fails; the close that follows ends everything.
            ws.send(data, () => resolve());
          }),
        close: (code, reason) => ws.close(code, reason),
        onMessage: (handle) =>
          ws.on('message', async (data) => {
            try {
              await handle(String(data));
            } catch (error) {
              this.logger.warn({ msg: 'graphql-ws message failed', error: error instanceof Error ? error.message : String(error) });
              ws.close(CloseCode.InternalServerError, 'internal error');
            }
          }),
      },
      { socket: ws, request },
    );
    ws.once('close', (code, reason) => {
      clearInterval(keepAlive);
      void closed(code, String(reason));
    });
  }

  /** The token travels in connectionParams.authorization; a bad one closes the socket, saying why. */
  private async connect(ctx: WsContext): Promise<boolean> {
    const header = ctx.connectionParams?.authorization;
    const socket = ctx.extra.socket;
    try {
      ctx.extra.actor = await this.verifier.verifyHeader(typeof header === 'string' ? header : null);
    } catch (error) {
      socket.close(CloseCode.Forbidden, closeReason(error instanceof Error ? error.message : 'not authenticated'));
      return false;
    }
    const sockets = this.socketsOf.get(ctx.extra.actor.id) ?? new Set<WsContext>();
    this.socketsOf.set(ctx.extra.actor.id, sockets.add(ctx));
    // A socket lives no longer than the token that opened it.
    const expiresIn = this.verifier.expiryOf(header as string) - Date.now();
    const timer = setTimeout(() => socket.close(4401, 'token expired'), Math.max(0, Math.min(expiresIn, 2 ** 31 - 1)));
    socket.once('close', () => clearTimeout(timer));
    return true;
  }

  private context(ctx: WsContext): RequestContext {
    const actor = ctx.extra.actor;
    return { requestId: randomUUID(), actor: async () => actor as Actor };
  }

  /**
   * Whether a new subscription may start: graphql-ws lists a socket's live subscriptions, this
   * one included, in ctx.subscriptions, so counting them is counting what runs.
   */
  private refusal(ctx: WsContext): GraphQLError | null {
    const actor = ctx.extra.actor as Actor;
    const live = (socket: WsContext) => Object.keys(socket.subscriptions).length;
    if (live(ctx) > SUBSCRIPTIONS_PER_SOCKET) {
      return tooMany(`a socket holds at most ${SUBSCRIPTIONS_PER_SOCKET} subscriptions: end one first`);
    }
    let held = 0;
    for (const socket of this.socketsOf.get(actor.id) ?? []) held += live(socket);
    if (held > SUBSCRIPTIONS_PER_USER) {
      return tooMany(`a user holds at most ${SUBSCRIPTIONS_PER_USER} subscriptions across sockets: end one first`);
    }
    return null;
  }

  private forget(ctx: WsContext): void {
    const userId = ctx.extra.actor?.id;
    if (userId === undefined) return;
    const sockets = this.socketsOf.get(userId);
    sockets?.delete(ctx);
    if (sockets?.size === 0) this.socketsOf.delete(userId);
  }
}

/** The error with Apollo's code for its kind, unless a rule gave it its own (QUERY_TOO_COMPLEX). */
function coded(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, { nodes: error.nodes, extensions: { code, ...error.extensions } });
}

function tooMany(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 1 } });
}

/** A WebSocket close reason is at most 123 bytes of UTF-8. */
function closeReason(message: string): string {
  let reason = message;
  while (Buffer.byteLength(reason, 'utf8') > 123) reason = reason.slice(0, -1);
  return reason;
}
