/**
 * A memory-reducing full collection of this process's V8 heap, which the hub asks for once, just
 * before it listens.
 *
 * After each full collection V8 sets the old generation's next limit to the live size times a
 * factor it derives from how fast the program has recently been allocating, between 1.1 and 4.
 * Loading the hub's ~1,300 modules is the fastest a hub ever allocates: its start leaves the factor
 * at 4 (30 MB live, next collection at ~135 MB) and the young generation grown to 32 MB, so a hub
 * that serves at once (a restart during opening hours, every screen reconnecting) keeps tens of MB
 * of garbage until that distant collection. A reducing collection — what V8 does for a browser tab
 * sent to the background (its low-memory notification), asked through the in-process inspector
 * (`HeapProfiler.collectGarbage`; no port is opened, nothing listens) — sets the limit at V8's
 * least factor and shrinks the young generation; the collections after it derive their factor from
 * serving. It stops the process for 20–60 ms, before anyone is served.
 *
 * Only at the start: the same collection after a reconnect storm was measured and dropped (the
 * hub's CPU rose by a third and p99 doubled; most likely because a reducing collection also drops
 * compiled code, which the hot path then compiles again — not traced). README, "Measured → Fan-out".
 */

/**
 * Collect and shrink the heap once. False, never a throw, when it could not be done (a node built
 * without the inspector, or the inspector refusing): the hub then runs as node would have it.
 */
export async function compactHeap(): Promise<boolean> {
  try {
    const { Session } = await import('node:inspector/promises');
    const session = new Session();
    session.connect();
    try {
      await session.post('HeapProfiler.collectGarbage');
      return true;
    } finally {
      session.disconnect();
    }
  } catch {
    return false;
  }
}
