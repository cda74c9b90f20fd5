// How smooth the page stays while the worker trains: the gaps between animation frames
// (requestAnimationFrame timestamps; 16.7 ms at 60 Hz), the longest and the 99th percentile, and
// the long animation frames Chromium reports (main-thread work over 50 ms: PerformanceObserver
// 'long-animation-frame', or 'longtask' where that is missing). Measuring starts WARM_UP_MS after
// Play: the first frames after it also carry the page's own start (the button's restyle, the
// meter's first tick, the worker's first snapshot), which is not what training costs a frame.
export interface FrameStats {
  /** The longest rAF-to-rAF interval while measuring, in ms. */
  readonly longest: number;
  /** The 99th percentile of those intervals, in ms. */
  readonly p99: number;
  /** The most time the page's own code (drawing, handling the worker's messages) took within one frame, in ms. */
  readonly busiest: number;
  /** Frames counted and seconds measured. */
  readonly frames: number;
  readonly seconds: number;
  /** Long frames (or tasks) reported, and the longest of them, in ms. */
  readonly longFrames: number;
  readonly longestLong: number;
  readonly observed: string;
  /** Measuring starts this long after Play, in ms. */
  readonly warmUp: number;
}

/** How long after Play the meter starts counting. */
export const WARM_UP_MS = 300;

export class FrameMeter {
  private running = false;
  /** When counting starts (performance.now()): WARM_UP_MS after start(). */
  private from = 0;
  private last = 0;
  private first = 0;
  private longest = 0;
  private frames = 0;
  /** The gaps counted, in bins of 0.1 ms (the last bin holds every gap of 2 s or more). */
  private readonly histogram = new Uint32Array(20_001);
  private longFrames = 0;
  private longestLong = 0;
  private busy = 0;
  private busiest = 0;
  private readonly observed: string;

  constructor() {
    const types = typeof PerformanceObserver === 'undefined' ? [] : PerformanceObserver.supportedEntryTypes;
    this.observed = types.includes('long-animation-frame') ? 'long-animation-frame' : types.includes('longtask') ? 'longtask' : 'none';
    if (this.observed !== 'none') {
      new PerformanceObserver((list) => {
        if (!this.running) return;
        for (const e of list.getEntries()) {
          if (e.startTime < this.from) continue; // began during the warm-up
          this.longFrames++;
          this.longestLong = Math.max(this.longestLong, e.duration);
        }
      }).observe({ type: this.observed, buffered: false });
    }
  }

  /** Starts a new measurement (each Play); frames count from WARM_UP_MS later. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.from = performance.now() + WARM_UP_MS;
    this.last = 0;
    this.first = 0;
    this.longest = 0;
    this.frames = 0;
    this.histogram.fill(0);
    this.longFrames = 0;
    this.longestLong = 0;
    this.busy = 0;
    this.busiest = 0;
    requestAnimationFrame(this.tick);
  }

  stop(): void {
    this.running = false;
  }

  /** Runs the page's own work, adding its time to the current frame's. */
  time<T>(work: () => T): T {
    const t0 = performance.now();
    try {
      return work();
    } finally {
      this.busy += performance.now() - t0;
    }
  }

  /** The gap that 99 % of the frames counted are no longer than, to 0.1 ms. */
  private percentile99(): number {
    const rank = Math.ceil(0.99 * this.frames);
    let seen = 0;
    for (let bin = 0; bin < this.histogram.length; bin++) {
      seen += this.histogram[bin]!;
      if (seen >= rank && rank > 0) return Math.min(this.longest, (bin + 1) / 10);
    }
    return 0;
  }

  get stats(): FrameStats {
    return {
      longest: this.longest,
      p99: this.percentile99(),
      busiest: this.busiest,
      frames: this.frames,
      seconds: this.last && this.first ? (this.last - this.first) / 1000 : 0,
      longFrames: this.longFrames,
      longestLong: this.longestLong,
      observed: this.observed,
      warmUp: WARM_UP_MS,
    };
  }

  private readonly tick = (t: number) => {
    if (!this.running) return;
    if (t < this.from) {
      // Warming up: nothing counts, not even the gap that ends the warm-up.
      this.busy = 0;
    } else if (this.last > 0) {
      const gap = t - this.last;
      this.longest = Math.max(this.longest, gap);
      this.histogram[Math.min(this.histogram.length - 1, Math.floor(gap * 10))]!++;
      this.frames++;
      this.busiest = Math.max(this.busiest, this.busy);
    } else {
      this.first = t;
    }
    if (t >= this.from) this.last = t;
    this.busy = 0;
    requestAnimationFrame(this.tick);
  };
}
