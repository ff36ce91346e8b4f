/** A bounded async queue between the target pager and the workers: paging waits when workers lag. */
export class BoundedQueue<T> {
  private readonly items: T[] = [];
  private readonly poppers: Array<(item: T | undefined) => void> = [];
  private readonly pushers: Array<() => void> = [];
  private closed = false;

  constructor(private readonly capacity: number) {
    if (!(capacity >= 1)) throw new RangeError('capacity must be >= 1');
  }

  get size(): number {
    return this.items.length;
  }

  /** Resolves false when the queue was closed before the item could be added. */
  async push(item: T): Promise<boolean> {
    while (this.items.length >= this.capacity && !this.closed) await new Promise<void>((resolve) => this.pushers.push(resolve));
    if (this.closed) return false;
    const popper = this.poppers.shift();
    if (popper) popper(item);
    else this.items.push(item);
    return true;
  }

  /** The next item, or undefined once the queue is closed and drained. */
  async pop(): Promise<T | undefined> {
    const item = this.items.shift();
    if (item !== undefined) {
      this.pushers.shift()?.();
      return item;
    }
    if (this.closed) return undefined;
    return new Promise<T | undefined>((resolve) => this.poppers.push(resolve));
  }

  /** No more pushes; poppers drain what is queued, then get undefined. */
  close(): void {
    this.closed = true;
    for (const popper of this.poppers.splice(0)) popper(undefined);
    for (const pusher of this.pushers.splice(0)) pusher();
  }

  /** Close and drop what is queued (stop: the records stay pending in the store). */
  abort(): void {
    this.items.length = 0;
    this.close();
  }
}
