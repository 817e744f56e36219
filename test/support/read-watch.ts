/**
 * Reads an async iterator (a game's watch) until it ends or `limit` items came, and returns them.
 * Without a limit it reads to the end.
 */
export async function readWatch<T>(watch: AsyncIterator<T>, limit = Infinity): Promise<T[]> {
  const seen: T[] = [];
  while (seen.length < limit) {
    const next = await watch.next();
    if (next.done) break;
    seen.push(next.value);
  }
  return seen;
}
