// Progress display for long work: a bar on a terminal, a line every few seconds otherwise (logs, CI).

import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, detail?: string): void;
  stop(): void;
}

/** A progress display for `total` units, written to stderr. */
export function startProgress(label: string, total: number, formatUnit: (n: number) => string = String): Progress {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${label} [{bar}] {percentage}% | {done} of {all} | {detail}`,
        stream: process.stderr,
        hideCursor: true,
        clearOnComplete: false,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { done: formatUnit(0), all: formatUnit(total), detail: '' });
    return {
      update: (done, detail = '') =>
        bar.update(Math.min(done, total), { done: formatUnit(done), all: formatUnit(total), detail }),
      stop: () => bar.stop(),
    };
  }
  let last = 0;
  return {
    update(done, detail = '') {
      const now = Date.now();
      if (now - last < 5000) return;
      last = now;
      const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
      process.stderr.write(`${label}: ${pct}% (${formatUnit(done)} of ${formatUnit(total)}) ${detail}\n`);
    },
    stop() {},
  };
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
