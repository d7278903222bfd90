/**
 * The future event list: a binary min-heap ordered by time, ties broken by the order events
 * were scheduled in, so a run never depends on how the heap happens to lay out equal times.
 * An event is a time, a kind (a small integer), a target and a number; they sit in parallel
 * arrays, so scheduling allocates nothing, and `pop` leaves the event it took in the fields.
 */
export class EventQueue<T> {
    private times: Float64Array = new Float64Array(1024);
    private orders: Float64Array = new Float64Array(1024);
    private kinds: Int32Array = new Int32Array(1024);
    private tags: Float64Array = new Float64Array(1024);
    private targets: Array<T | undefined> = [];
    private length = 0;
    private scheduled = 0;

    /** The event `pop` took last. */
    time = 0;
    kind = 0;
    target: T | undefined;
    tag = 0;

    get size(): number {
        return this.length;
    }

    push(time: number, kind: number, target: T, tag = 0): void {
        if (this.length === this.times.length) this.grow();
        const order = this.scheduled++;
        // Sift the hole up from the end, moving parents down, then fill it.
        let index = this.length++;
        while (index > 0) {
            const parent = (index - 1) >> 1;
            const t = this.times[parent];
            if (t < time || (t === time && this.orders[parent] < order)) break;
            this.move(parent, index);
            index = parent;
        }
        this.set(index, time, order, kind, target, tag);
    }

    /** The time of the next event; undefined when none is left. */
    peekTime(): number | undefined {
        return this.length > 0 ? this.times[0] : undefined;
    }

    /** Takes the next event into `time`, `kind`, `target` and `tag`; false when none is left. */
    pop(): boolean {
        if (this.length === 0) return false;
        this.time = this.times[0];
        this.kind = this.kinds[0];
        this.target = this.targets[0];
        this.tag = this.tags[0];
        const last = --this.length;
        const time = this.times[last];
        const order = this.orders[last];
        const kind = this.kinds[last];
        const target = this.targets[last]!;
        const tag = this.tags[last];
        this.targets[last] = undefined;
        // Sift the hole down from the root, moving the smaller child up, then put the last event in it.
        let index = 0;
        for (;;) {
            let child = 2 * index + 1;
            if (child >= last) break;
            const right = child + 1;
            if (right < last && (this.times[right] < this.times[child] || (this.times[right] === this.times[child] && this.orders[right] < this.orders[child]))) child = right;
            const t = this.times[child];
            if (time < t || (time === t && order < this.orders[child])) break;
            this.move(child, index);
            index = child;
        }
        if (last > 0) this.set(index, time, order, kind, target, tag);
        return true;
    }

    private move(from: number, to: number): void {
        this.times[to] = this.times[from];
        this.orders[to] = this.orders[from];
        this.kinds[to] = this.kinds[from];
        this.targets[to] = this.targets[from];
        this.tags[to] = this.tags[from];
    }

    private set(index: number, time: number, order: number, kind: number, target: T, tag: number): void {
        this.times[index] = time;
        this.orders[index] = order;
        this.kinds[index] = kind;
        this.targets[index] = target;
        this.tags[index] = tag;
    }

    private grow(): void {
        const size = this.times.length * 2;
        const widen = <A extends Float64Array | Int32Array>(array: A, make: (n: number) => A): A => {
            const wider = make(size);
            wider.set(array);
            return wider;
        };
        this.times = widen(this.times, (n) => new Float64Array(n));
        this.orders = widen(this.orders, (n) => new Float64Array(n));
        this.kinds = widen(this.kinds, (n) => new Int32Array(n));
        this.tags = widen(this.tags, (n) => new Float64Array(n));
    }
}
