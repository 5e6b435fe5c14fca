/**
 * Change notifications: every write script PUBLISHes its log seq on the TM's channel (keys.changes). One subscriber
 * connection per process tells each mirror "something changed", so a mirror that has heard nothing, on a live
 * subscription, can answer without asking Redis. Whenever the subscription is not known to be live (connecting,
 * reconnecting: messages may have been missed), every listener is told it may have missed changes.
 *
 * What this guarantees: Redis queues the notification for subscribers during the write itself, before the writer
 * gets its reply; a query that the writer (or anyone it told) sends afterwards to any instance arrives after the
 * notification was sent there. Writes made through this process mark its mirrors stale directly.
 */
import type { Redis } from 'ioredis';
import type { Logger } from '../config';
import type { Keys } from './keys';

export interface ChangeListener {
  /** A write with this log seq happened. */
  changed(seq: number): void;
  /** Notifications may have been missed (the subscription dropped or is not confirmed yet). */
  unsure(): void;
}

export class ChangeFeed {
  private readonly subscriber: Redis;
  private readonly listeners = new Map<string, Set<ChangeListener>>();
  private readonly confirmed = new Set<string>();
  private closed = false;

  constructor(
    redis: Redis,
    private readonly keys: Keys,
    private readonly logger: Logger,
  ) {
    this.subscriber = redis.duplicate({
      lazyConnect: true,
      enableOfflineQueue: true,
      maxRetriesPerRequest: null,
      autoResubscribe: false,
    });
    this.subscriber.on('error', () => {}); // the command connection reports Redis errors
    this.subscriber.on('message', (channel: string, message: string) => {
      const tm = this.keys.tmOfChanges(channel);
      if (tm === undefined) return;
      const seq = Number(message);
      for (const l of this.listeners.get(tm) ?? []) l.changed(seq);
    });
    this.subscriber.on('close', () => this.lost());
    this.subscriber.on('ready', () => {
      for (const tm of this.listeners.keys()) void this.confirm(tm);
    });
    this.subscriber.connect().catch(() => this.lost());
  }

  /** True when notifications for the TM are being received on a confirmed subscription. */
  isLive(tm: string): boolean {
    return this.confirmed.has(tm);
  }

  watch(tm: string, listener: ChangeListener): void {
    let set = this.listeners.get(tm);
    if (!set) {
      this.listeners.set(tm, (set = new Set()));
      if (this.subscriber.status === 'ready') void this.confirm(tm);
    }
    set.add(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.subscriber.disconnect();
  }

  private async confirm(tm: string): Promise<void> {
    try {
      await this.subscriber.subscribe(this.keys.changes(tm));
      // Anything written between the drop and now was not heard: listeners check once more.
      for (const l of this.listeners.get(tm) ?? []) l.unsure();
      this.confirmed.add(tm);
    } catch (err) {
      if (!this.closed) this.logger.warn(`change feed: cannot subscribe for TM ${tm}: ${(err as Error).message}`);
    }
  }

  private lost(): void {
    this.confirmed.clear();
    for (const set of this.listeners.values()) for (const l of set) l.unsure();
  }
}
