import { randomUUID } from 'node:crypto';
import { executeQueryPlan, type GraphQLDataSource, type ResponseShaping, type ServiceMap } from '@apollo/gateway';
import type { FetchNode, QueryPlan } from '@apollo/query-planner';
import { maskError, type Caller, type Logger } from '@erp/platform';
import { GraphQLError, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import { callerKey, type ContextFor } from '../plugins/use-signed-context.js';
import type { RouterContext } from '../router-context.js';
import { textFrame } from './frame-writer.js';
import type { SubgraphSockets } from './subgraph-sockets.js';
import { nextFrame } from './ws-protocol.js';
import type { SubscriptionPlan, SubscriptionPlanner } from './subscription-planner.js';

/** The primary fetch's answer enters the plan as if a subgraph named so had returned it. */
const EVENT_SOURCE = '__subscription_event__';
/** After the upstream subscription fails (a subgraph restarts), how long before it is made again. */
const RESUBSCRIBE_MS = 500;

export interface SubscribeRequest {
  query: string;
  operationName?: string;
  variables: Record<string, unknown>;
  caller: Caller;
}

/**
 * One event's result for every subscriber of a group: serialised once, and framed once per subscription id (clients
 * that use the same id, as most dashboards do, share the very same bytes).
 */
export class EventPayload {
  private readonly frames = new Map<string, Buffer>();

  constructor(readonly json: string) {}

  frame(id: string): Buffer {
    let frame = this.frames.get(id);
    if (!frame) {
      frame = textFrame(nextFrame(id, this.json));
      this.frames.set(id, frame);
    }
    return frame;
  }
}

/** A subscriber, as the hub sees it: where to send an event's result and how to end it with errors. */
export interface Sink {
  next(payload: EventPayload): void;
  error(errors: GraphQLFormattedError[]): void;
}

/**
 * Every subscriber of the same operation, variables and caller: one upstream subscription and one execution of the
 * rest of the plan per event, serialised once, whose result goes to all of them.
 */
interface Group {
  key: string;
  sinks: Set<Sink>;
  unsubscribe: () => void;
  /** Events of this group are resolved one after another, so subscribers see them in order. */
  queue: Promise<void>;
  /** The highest event sequence the upstream subscription delivered, where it resumes after a break. */
  lastSequence: bigint | null;
  /** When the upstream subscription was first made: where it resumes if it had delivered nothing before the break. */
  openedAt: string;
}

function pick(variables: Record<string, unknown>, names: readonly string[] | undefined): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const name of names ?? []) if (name in variables) picked[name] = variables[name];
  return picked;
}

export class SubscriptionHub {
  private readonly groups = new Map<string, Group>();

  constructor(
    readonly planner: SubscriptionPlanner,
    private readonly sockets: SubgraphSockets,
    private readonly services: Record<string, GraphQLDataSource<RouterContext>>,
    private readonly contextFor: ContextFor,
    private readonly log: Logger,
    /** The router's result shaping (null: the gateway's own), for events as for requests. */
    private readonly shaping: ResponseShaping | null,
  ) {}

  /** How many subscribers and how many distinct upstream subscriptions there are (benchmarks, health). */
  stats(): { subscribers: number; groups: number } {
    let subscribers = 0;
    for (const group of this.groups.values()) subscribers += group.sinks.size;
    return { subscribers, groups: this.groups.size };
  }

  /** Adds a subscriber; returns what removes it. */
  subscribe(request: SubscribeRequest, plan: SubscriptionPlan, sink: Sink): () => void {
    const key = `${callerKey(request.caller)}\n${request.operationName ?? ''}\n${request.query}\n${JSON.stringify(request.variables)}`;
    let group = this.groups.get(key);
    if (!group) {
      group = { key, sinks: new Set(), unsubscribe: () => undefined, queue: Promise.resolve(), lastSequence: null, openedAt: new Date().toISOString() };
      this.groups.set(key, group);
      this.openUpstream(group, request, plan);
    }
    const joined = group;
    joined.sinks.add(sink);
    return () => {
      joined.sinks.delete(sink);
      if (joined.sinks.size === 0 && this.groups.get(key) === joined) {
        this.groups.delete(key);
        joined.unsubscribe();
      }
    };
  }

  /**
   * The subscription on the subgraph that owns the root field. When its socket breaks, graphql-ws makes it again; when
   * it fails, so does this, after RESUBSCRIBE_MS. Either way it resumes after the last event it delivered (or from
   * when it was made), and the subgraph replays what was missed or answers RESYNC_REQUIRED, which subscribers get.
   */
  private openUpstream(group: Group, request: SubscribeRequest, plan: SubscriptionPlan): void {
    const resume = () => (group.lastSequence !== null ? { after: group.lastSequence.toString() } : { since: group.openedAt });
    const subscribe = (resuming: boolean) => {
      group.unsubscribe = this.sockets.subscribe(
        plan.primary.serviceName,
        { query: plan.primary.operation, variables: pick(request.variables, plan.primary.variableUsages), caller: request.caller, resume, resuming },
        {
          next: (primary) => {
            const sequence = primary.extensions?.sequence;
            if (typeof sequence === 'string' && /^\d+$/.test(sequence) && (group.lastSequence === null || BigInt(sequence) > group.lastSequence)) group.lastSequence = BigInt(sequence);
            group.queue = group.queue.then(() => this.resolveEvent(group, request, plan, primary)).catch((error: unknown) => {
              this.log.error({ err: error }, 'subscription event could not be resolved');
            });
          },
          error: (error) => {
            if (this.groups.get(group.key) !== group) return;
            const graphqlErrors = Array.isArray(error) ? (error as GraphQLError[]) : null;
            if (graphqlErrors) {
              // The subgraph refused the subscription itself (forbidden, bad argument): tell every subscriber and end.
              this.end(group, graphqlErrors.map((e) => maskError({ message: e.message, extensions: e.extensions })));
              return;
            }
            this.log.warn({ err: error, subgraph: plan.primary.serviceName }, 'subgraph subscription dropped: subscribing again');
            setTimeout(() => this.groups.get(group.key) === group && subscribe(true), RESUBSCRIBE_MS);
          },
          complete: () => undefined,
        },
      );
    };
    subscribe(false);
  }

  private async resolveEvent(group: Group, request: SubscribeRequest, plan: SubscriptionPlan, primary: ExecutionResult): Promise<void> {
    if (group.sinks.size === 0) return;
    this.broadcast(group, primary.data ? await this.shape(request, plan, primary) : { data: null, errors: primary.errors ?? [] });
  }

  /** Runs the rest of the plan on the primary answer, and shapes the result to the client's selection. */
  private async shape(request: SubscribeRequest, plan: SubscriptionPlan, primary: ExecutionResult): Promise<ExecutionResult> {
    const eventFetch: FetchNode = { ...plan.primary, serviceName: EVENT_SOURCE };
    const queryPlan: QueryPlan = { kind: 'QueryPlan', node: { kind: 'Sequence', nodes: plan.rest ? [eventFetch, plan.rest] : [eventFetch] } };
    const eventSource: GraphQLDataSource = { process: async () => ({ data: primary.data as Record<string, unknown>, errors: primary.errors as never }) };
    const serviceMap: ServiceMap = { ...this.services, [EVENT_SOURCE]: eventSource };
    const requestContext = {
      request: { query: request.query, variables: request.variables, operationName: request.operationName },
      context: this.contextFor(request.caller, `event-${randomUUID()}`),
      logger: this.log,
      metrics: {},
    };
    const result = await executeQueryPlan(queryPlan, serviceMap, requestContext as never, plan.operationContext, this.planner.supergraphSchema, this.planner.apiSchema, undefined, this.shaping ?? undefined);
    return result as ExecutionResult;
  }

  private broadcast(group: Group, result: ExecutionResult): void {
    const formatted = { data: result.data, ...(result.errors ? { errors: result.errors.map((error) => maskError(error instanceof GraphQLError ? error.toJSON() : error, error)) } : {}) };
    const payload = new EventPayload(JSON.stringify(formatted));
    for (const sink of group.sinks) sink.next(payload);
  }

  private end(group: Group, errors: GraphQLFormattedError[]): void {
    this.groups.delete(group.key);
    group.unsubscribe();
    for (const sink of [...group.sinks]) sink.error(errors);
    group.sinks.clear();
  }

  async close(): Promise<void> {
    for (const group of [...this.groups.values()]) this.end(group, [{ message: 'The router is shutting down.', extensions: { code: 'SERVICE_UNAVAILABLE' } }]);
  }
}
