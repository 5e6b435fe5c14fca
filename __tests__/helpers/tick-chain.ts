/** A chain of setImmediate callbacks standing for other requests: its count advances once per loop turn. */
export function tickChain(): { ticks: () => number; stop: () => void } {
  let ticks = 0;
  let running = true;
  const tick = () => {
    ticks++;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  return { ticks: () => ticks, stop: () => void (running = false) };
}
