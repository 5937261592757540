/** Resolves on the next turn of the event loop, after pending I/O callbacks. */
export const nextTurn = () =>
  new Promise<void>(resolve => {
    setImmediate(resolve);
  });

/**
 * Bounds the synchronous work a long job does per turn of the event loop:
 * `yield()` gives the loop back (to informers, API requests) once `budgetMs`
 * have passed since the job last did. Database drivers that run queries
 * synchronously (better-sqlite3) would otherwise hold the loop for a whole
 * batch of statements.
 */
export class EventLoopBudget {
  private since: number;

  constructor(
    private readonly budgetMs = 8,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.since = now();
  }

  /** Yields when the budget is spent; resolves at once otherwise. */
  async yield(): Promise<void> {
    if (this.now() - this.since < this.budgetMs) return;
    await nextTurn();
    this.since = this.now();
  }
}
