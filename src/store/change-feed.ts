/**
 * Change notifications: every write script publishes its log seq on the TM's channel (keys.changes). One subscriber
 * per process tells each mirror "something changed", so a mirror that has heard nothing, on a live subscription, can
 * answer without asking Redis. Whenever the subscription is not known to be live (connecting, reconnecting, the TM's
 * slot moving to another cluster master: messages may have been missed), every listener is told it may have missed
 * changes.
 *
 * Two transports (redis.ts, PubSubMode): `plain` SUBSCRIBE on one duplicate connection (standalone Redis, or a
 * cluster older than 7.0, where PUBLISH reaches every node); `sharded` SSUBSCRIBE on a Redis 7 cluster
 * (shard-channels.ts): each TM's channel carries its hash tag and lives on the master holding the TM's slot.
 *
 * What this guarantees: Redis queues the notification for subscribers during the write itself, before the writer
 * gets its reply; a query that the writer (or anyone it told) sends afterwards to any instance arrives after the
 * notification was sent there. Writes made through this process mark its mirrors stale directly.
 */
import type { Logger } from '../config';
import type { Keys } from './keys';
import { isCluster, pubSubMode, type RedisClient } from './redis';
import { ShardChannels, type ChannelEvents } from './shard-channels';

export interface ChangeListener {
  /** A write with this log seq happened. */
  changed(seq: number): void;
  /** Notifications may have been missed (the subscription dropped or is not confirmed yet). */
  unsure(): void;
}

/** What ChangeFeed needs from a transport: start listening to a TM's channel, and stop everything. */
interface Transport {
  watch(tm: string): void;
  close(): void;
}

export class ChangeFeed {
  private readonly listeners = new Map<string, Set<ChangeListener>>();
  private readonly confirmed = new Set<string>();
  private readonly transport: Transport;

  constructor(redis: RedisClient, keys: Keys, logger: Logger) {
    const events: ChannelEvents = {
      message: (channel, message) => {
        const tm = keys.tmOfChanges(channel);
        if (tm === undefined) return;
        const seq = Number(message);
        for (const l of this.listeners.get(tm) ?? []) l.changed(seq);
      },
      confirmed: (tm) => {
        // Anything written between the drop and now was not heard: listeners check once more.
        for (const l of this.listeners.get(tm) ?? []) l.unsure();
        this.confirmed.add(tm);
      },
      lost: (tms) => {
        for (const tm of tms ?? [...this.listeners.keys()]) {
          this.confirmed.delete(tm);
          for (const l of this.listeners.get(tm) ?? []) l.unsure();
        }
      },
      watched: () => [...this.listeners.keys()],
    };
    this.transport =
      isCluster(redis) && pubSubMode(redis) === 'sharded'
        ? new ShardChannels(redis, keys, logger, events)
        : new PlainChannels(redis, keys, logger, events);
  }

  /** True when notifications for the TM are being received on a confirmed subscription. */
  isLive(tm: string): boolean {
    return this.confirmed.has(tm);
  }

  watch(tm: string, listener: ChangeListener): void {
    let set = this.listeners.get(tm);
    if (!set) {
      this.listeners.set(tm, (set = new Set()));
      this.transport.watch(tm);
    }
    set.add(listener);
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}

/** SUBSCRIBE on one connection of its own. */
class PlainChannels implements Transport {
  private readonly subscriber: RedisClient;
  private closed = false;

  constructor(
    redis: RedisClient,
    private readonly keys: Keys,
    private readonly logger: Logger,
    private readonly events: ChannelEvents,
  ) {
    const options = { lazyConnect: true, enableOfflineQueue: true, autoResubscribe: false };
    this.subscriber = isCluster(redis)
      ? redis.duplicate(undefined, options)
      : redis.duplicate({ ...options, maxRetriesPerRequest: null });
    const on = this.subscriber.on.bind(this.subscriber) as NodeJS.EventEmitter['on'];
    on('error', () => {}); // the command connection reports Redis errors
    on('message', (channel: string, message: string) => events.message(channel, message));
    on('close', () => events.lost());
    on('ready', () => {
      for (const tm of events.watched()) void this.confirm(tm);
    });
    this.subscriber.connect().catch(() => events.lost());
  }

  watch(tm: string): void {
    if (this.subscriber.status === 'ready') void this.confirm(tm);
  }

  close(): void {
    this.closed = true;
    this.subscriber.disconnect();
  }

  private async confirm(tm: string): Promise<void> {
    try {
      await this.subscriber.subscribe(this.keys.changes(tm));
      this.events.confirmed(tm);
    } catch (err) {
      if (!this.closed) this.logger.warn(`change feed: cannot subscribe for TM ${tm}: ${(err as Error).message}`);
    }
  }
}
