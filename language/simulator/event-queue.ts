/**
 * The future event list: a binary min-heap ordered by time, ties broken by the order events
 * were scheduled in, so a run never depends on how the heap happens to lay out equal times.
 */
export class EventQueue<T> {
    private readonly times: number[] = [];
    private readonly orders: number[] = [];
    private readonly items: T[] = [];
    private scheduled = 0;

    get size(): number {
        return this.items.length;
    }

    push(time: number, item: T): void {
        let index = this.items.length;
        this.times.push(time);
        this.orders.push(this.scheduled++);
        this.items.push(item);
        while (index > 0) {
            const parent = (index - 1) >> 1;
            if (!this.before(index, parent)) break;
            this.swap(index, parent);
            index = parent;
        }
    }

    /** The time of the next event; undefined when none is left. */
    peekTime(): number | undefined {
        return this.times[0];
    }

    pop(): { time: number; item: T } | undefined {
        if (this.items.length === 0) return undefined;
        const time = this.times[0];
        const item = this.items[0];
        const last = this.items.length - 1;
        this.swap(0, last);
        this.times.pop();
        this.orders.pop();
        this.items.pop();
        let index = 0;
        for (;;) {
            const left = 2 * index + 1;
            const right = left + 1;
            let smallest = index;
            if (left < this.items.length && this.before(left, smallest)) smallest = left;
            if (right < this.items.length && this.before(right, smallest)) smallest = right;
            if (smallest === index) break;
            this.swap(index, smallest);
            index = smallest;
        }
        return { time, item };
    }

    private before(a: number, b: number): boolean {
        return this.times[a] < this.times[b] || (this.times[a] === this.times[b] && this.orders[a] < this.orders[b]);
    }

    private swap(a: number, b: number): void {
        [this.times[a], this.times[b]] = [this.times[b], this.times[a]];
        [this.orders[a], this.orders[b]] = [this.orders[b], this.orders[a]];
        [this.items[a], this.items[b]] = [this.items[b], this.items[a]];
    }
}
