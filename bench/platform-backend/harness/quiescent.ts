/**
 * Waits until this process has finished its start-up work (the history store
 * records every resource first seen): the event loop delay stays under 15 ms
 * for 2 s.
 */
export async function quiescent(timeoutMs = 300_000): Promise<void> {
  const started = performance.now();
  let quietSince = performance.now();
  for (;;) {
    const before = performance.now();
    await new Promise(resolve => setTimeout(resolve, 20));
    const lag = performance.now() - before - 20;
    if (lag > 15) quietSince = performance.now();
    if (performance.now() - quietSince > 2000) return;
    if (performance.now() - started > timeoutMs)
      throw new Error('the process never went quiet');
  }
}
