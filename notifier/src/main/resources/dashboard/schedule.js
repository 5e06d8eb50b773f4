// When work runs: rendering at most once per animation frame, fetching at most every so often.

/**
 * Collects render jobs by key and runs each once on the next frame, however many events asked for
 * it meanwhile. A hidden tab gets no frames, so it renders on a timer instead.
 */
export class FrameScheduler {
  constructor() {
    this.jobs = new Map();
    this.requested = false;
  }

  schedule(key, job) {
    this.jobs.set(key, job);
    if (this.requested) return;
    this.requested = true;
    const flush = () => this.flush();
    if (document.hidden) {
      setTimeout(flush, 250);
    } else {
      requestAnimationFrame(flush);
    }
  }

  flush() {
    this.requested = false;
    const jobs = [...this.jobs.values()];
    this.jobs.clear();
    for (const job of jobs) {
      try {
        job();
      } catch (failure) {
        console.error('rendering failed', failure);
      }
    }
  }
}

/**
 * Wraps an async task so that calling it often runs it at most once per interval, never twice at
 * once, and always once more after the last call: what it fetches is never older than the last
 * event that asked for it.
 */
export function throttled(task, intervalMillis) {
  let running = false;
  let wanted = false;
  let lastStart = 0;
  let timer = null;

  async function run() {
    timer = null;
    if (running) {
      wanted = true;
      return;
    }
    running = true;
    wanted = false;
    lastStart = Date.now();
    try {
      await task();
    } catch (failure) {
      console.error(failure);
    } finally {
      running = false;
      if (wanted) trigger();
    }
  }

  function trigger() {
    if (running) {
      wanted = true;
      return;
    }
    if (timer !== null) return;
    const wait = Math.max(0, lastStart + intervalMillis - Date.now());
    timer = setTimeout(run, wait);
  }

  return trigger;
}
