/** At most this many acknowledgements go in one statement. */
const MAX_BATCH = 500;

export interface Acknowledgement {
  consumer: string;
  eventId: string;
}

interface Waiting extends Acknowledgement {
  done: (error?: unknown) => void;
}

/**
 * A subgraph's acknowledgements in the bus ledger, written like a group commit: the first one goes at once, those that
 * come while a statement is in flight go together in the next one. Under a stream of events each handled job used to
 * cost its own statement and commit; now a busy consumer pays one per round trip, an idle one waits for nothing. Each
 * caller still learns whether its own acknowledgement was written (a failed statement fails every one it carried).
 */
export class Acknowledgements {
  private waiting: Waiting[] = [];
  private writing = false;

  /** `write` stores a batch in one statement (`acknowledgeAll`). */
  constructor(private readonly write: (batch: readonly Acknowledgement[]) => Promise<void>) {}

  acknowledge(consumer: string, eventId: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ consumer, eventId, done: (error) => (error === undefined ? resolve() : reject(error)) });
      if (!this.writing) void this.writeWaiting();
    });
  }

  private async writeWaiting(): Promise<void> {
    this.writing = true;
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, MAX_BATCH);
      try {
        await this.write(batch.map(({ consumer, eventId }) => ({ consumer, eventId })));
        for (const entry of batch) entry.done();
      } catch (error) {
        for (const entry of batch) entry.done(error ?? new Error('acknowledgement failed'));
      }
    }
    this.writing = false;
  }
}
