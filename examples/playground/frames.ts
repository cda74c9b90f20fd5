// How smooth the page stays while the worker trains: the longest gap between two animation frames
// (requestAnimationFrame timestamps), and the long animation frames Chromium reports (main-thread
// work over 50 ms: PerformanceObserver 'long-animation-frame', or 'longtask' where that is missing).
export interface FrameStats {
  /** The longest rAF-to-rAF interval while measuring, in ms. */
  readonly longest: number;
  /** The most time the page's own code (drawing, handling the worker's messages) took within one frame, in ms. */
  readonly busiest: number;
  /** Frames counted and seconds measured. */
  readonly frames: number;
  readonly seconds: number;
  /** Long frames (or tasks) reported, and the longest of them, in ms. */
  readonly longFrames: number;
  readonly longestLong: number;
  readonly observed: string;
}

export class FrameMeter {
  private running = false;
  private last = 0;
  private first = 0;
  private longest = 0;
  private frames = 0;
  private longFrames = 0;
  private longestLong = 0;
  private busy = 0;
  private busiest = 0;
  private readonly observed: string;

  constructor(private readonly onFrame: (stats: FrameStats) => void) {
    const types = typeof PerformanceObserver === 'undefined' ? [] : PerformanceObserver.supportedEntryTypes;
    this.observed = types.includes('long-animation-frame') ? 'long-animation-frame' : types.includes('longtask') ? 'longtask' : 'none';
    if (this.observed !== 'none') {
      new PerformanceObserver((list) => {
        if (!this.running) return;
        for (const e of list.getEntries()) {
          this.longFrames++;
          this.longestLong = Math.max(this.longestLong, e.duration);
        }
      }).observe({ type: this.observed, buffered: false });
    }
  }

  /** Starts a new measurement (each Play). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.last = 0;
    this.first = 0;
    this.longest = 0;
    this.frames = 0;
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

  get stats(): FrameStats {
    return {
      longest: this.longest,
      busiest: this.busiest,
      frames: this.frames,
      seconds: this.last && this.first ? (this.last - this.first) / 1000 : 0,
      longFrames: this.longFrames,
      longestLong: this.longestLong,
      observed: this.observed,
    };
  }

  private readonly tick = (t: number) => {
    if (!this.running) return;
    if (this.last > 0) {
      this.longest = Math.max(this.longest, t - this.last);
      this.busiest = Math.max(this.busiest, this.busy);
      this.frames++;
    } else {
      this.first = t;
    }
    this.last = t;
    this.busy = 0;
    this.onFrame(this.stats);
    requestAnimationFrame(this.tick);
  };
}
