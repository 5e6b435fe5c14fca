/**
 * Sharded pub/sub on a Redis 7 cluster: SSUBSCRIBE to each TM's channel on the master that holds its slot (the
 * channel name carries the TM's hash tag), one subscriber connection per master that holds a watched TM.
 *
 * Where a channel lives is learnt from Redis itself: SSUBSCRIBE sent to the wrong node answers MOVED with the right
 * one. When a slot moves to another master, the old one ends the subscriptions of its channels (an unsolicited
 * SUNSUBSCRIBE, which ioredis reports as `moved`); every TM subscribed there is then reported lost (its mirrors check
 * the change log on their next query) and subscribed again, which finds the new master. A subscriber connection that
 * closes does the same. Until a TM is subscribed again, its mirrors ask Redis at every query, as in `strict`.
 */
import { Redis, type Cluster } from 'ioredis';
import type { Logger } from '../config';
import type { Keys } from './keys';

/** How a transport reports to the ChangeFeed. */
export interface ChannelEvents {
  message(channel: string, message: string): void;
  /** Subscribed (again): from now on every change of the TM is heard. */
  confirmed(tm: string): void;
  /** These TMs (all, when undefined) may have missed notifications and are not subscribed now. */
  lost(tms?: readonly string[]): void;
  /** The TMs being watched. */
  watched(): string[];
}

const MAX_HOPS = 5;
const RETRY_MS = 200;

export class ShardChannels {
  /** Subscriber connection per master, `host:port`. */
  private readonly connections = new Map<string, Redis>();
  /** The master each subscribed TM's channel was found on. */
  private readonly homes = new Map<string, string>();
  private closed = false;

  constructor(
    private readonly cluster: Cluster,
    private readonly keys: Keys,
    private readonly logger: Logger,
    private readonly events: ChannelEvents,
  ) {}

  watch(tm: string): void {
    void this.subscribe(tm, 0);
  }

  close(): void {
    this.closed = true;
    for (const connection of this.connections.values()) connection.disconnect();
    this.connections.clear();
  }

  private async subscribe(tm: string, attempt: number): Promise<void> {
    if (this.closed) return;
    const channel = this.keys.changes(tm);
    let node = this.homes.get(tm) ?? this.someMaster(attempt);
    let problem = 'no cluster master known yet';
    for (let hop = 0; node && hop < MAX_HOPS; hop++) {
      try {
        await this.connection(node).ssubscribe(channel);
        if (this.closed) return;
        this.homes.set(tm, node);
        this.events.confirmed(tm);
        return;
      } catch (err) {
        problem = (err as Error).message;
        const moved = /^(?:MOVED|ASK) \d+ (\S+)/.exec(problem);
        if (!moved) break;
        node = moved[1]!;
      }
    }
    if (this.closed) return;
    this.homes.delete(tm);
    if (attempt === 3) this.logger.warn(`change feed: cannot subscribe for TM ${tm} yet: ${problem}`);
    setTimeout(() => void this.subscribe(tm, attempt + 1), Math.min(RETRY_MS * (attempt + 1), 2000)).unref();
  }

  /** A master to ask first; MOVED tells the right one. */
  private someMaster(attempt: number): string | undefined {
    const masters = this.cluster.nodes('master');
    const pick = masters[attempt % Math.max(masters.length, 1)];
    return pick ? `${pick.options.host}:${pick.options.port}` : undefined;
  }

  private connection(node: string): Redis {
    let connection = this.connections.get(node);
    if (connection) return connection;
    const at = node.lastIndexOf(':');
    const options = this.cluster.options.redisOptions ?? {};
    connection = new Redis({
      host: node.slice(0, at),
      port: Number(node.slice(at + 1)),
      username: options.username,
      password: options.password,
      tls: options.tls,
      connectTimeout: options.connectTimeout,
      commandTimeout: options.connectTimeout,
      enableOfflineQueue: true,
      autoResubscribe: false,
      maxRetriesPerRequest: null,
      retryStrategy: (times) => (this.closed ? null : Math.min(100 * times, 2000)),
    });
    connection.on('error', () => {}); // the command connections report Redis errors
    connection.on('smessage', (channel: string, message: string) => this.events.message(channel, message));
    connection.on('close', () => this.drop(node));
    connection.on('moved', () => this.drop(node));
    this.connections.set(node, connection);
    return connection;
  }

  /** The subscriptions on this master ended or may have: report them lost and subscribe again. */
  private drop(node: string): void {
    if (this.closed) return;
    const tms = [...this.homes].filter(([, home]) => home === node).map(([tm]) => tm);
    if (tms.length === 0) return;
    for (const tm of tms) this.homes.delete(tm);
    this.events.lost(tms);
    for (const tm of tms) void this.subscribe(tm, 0);
  }
}
