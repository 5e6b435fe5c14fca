/** A progress bar on standard error: redrawn in place on a terminal, one line every 5 % otherwise. */

function bar(done: number, total: number, label: string): void {
  const width = 30;
  const share = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(share * width);
  const percent = String(Math.round(share * 100)).padStart(3);
  const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${percent}% ${label}`;
  process.stderr.write(process.stderr.isTTY ? `\r${line.padEnd(90)}` : `${line}\n`);
}

/** Redraws at most every 100 ms on a terminal, every 5 % otherwise; `total` may change from one call to the next. */
export function throttled() {
  let last = 0;
  let lastShare = -1;
  return (done: number, total: number, label: string, force = false) => {
    const t = Date.now();
    const share = Math.floor((done / Math.max(1, total)) * 20);
    if (!force && (process.stderr.isTTY ? t - last < 100 : share === lastShare)) return;
    last = t;
    lastShare = share;
    bar(done, total, label);
  };
}

/** Ends a bar drawn in place, so that what follows starts on a line of its own. */
export function endBar(): void {
  if (process.stderr.isTTY) process.stderr.write('\n');
}
