/**
 * Memory-reducing full collections of this process's V8 heap, at the two moments a hub allocates
 * as it never does while serving: its start and a reconnect storm.
 *
 * After each full collection V8 sets the old generation's next limit to the live size times a
 * factor it derives from how fast the program has recently been allocating, between 1.1 and 4.
 * Loading the hub's ~1,300 modules, and 2,000 screens handshaking at once after a restart, are the
 * fastest a hub allocates: a collection during either leaves a factor of 1.6–4 (at the start 30 MB
 * live, next collection at ~135 MB) and a young generation grown to 32 MB, so a hub that then
 * serves keeps tens of MB of garbage until that distant collection. A reducing collection — what
 * V8 does for a browser tab sent to the background (its low-memory notification), asked through
 * the in-process inspector (`HeapProfiler.collectGarbage`; no port is opened, nothing listens) —
 * sets the limit at V8's least factor and shrinks the young generation; the collections after it
 * derive their factor from serving. It stops the process for 20–60 ms at the start and ~100–200
 * ms after a storm of 2,000 screens, once every screen is back; it is never done while serving
 * otherwise. Measured in bench:fanout (README, "Measured → Fan-out").
 */
import { Session } from 'node:inspector/promises';

/** Collect and shrink the heap once; false when this node has no inspector (built without it). */
export async function compactHeap(): Promise<boolean> {
  let session: Session;
  try {
    session = new Session();
    session.connect();
  } catch {
    return false;
  }
  try {
    await session.post('HeapProfiler.collectGarbage');
    return true;
  } finally {
    session.disconnect();
  }
}

