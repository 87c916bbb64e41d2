/**
 * Who the window screen presents: the staffer acting now (A, or B covering while A is away or
 * absent); while the window is paused, whoever is signed in; nobody while it is closed.
 */
import type { WindowView } from '../../server/protocol.js';
import type { HallInfo, StaffInfo } from '../lib/screens/hallInfo.js';
import { staffInfo } from '../lib/screens/hallInfo.js';

export interface StaffOnScreen {
  staff: StaffInfo;
  post: 'A' | 'B';
  /** B covers for an A post that is away or not signed in. */
  covering: boolean;
}

export function staffOnScreen(hall: HallInfo, w: WindowView | undefined): StaffOnScreen | undefined {
  if (!w || w.state === 'closed') return undefined;
  const id = w.onDuty ?? w.postA ?? w.postB;
  const staff = staffInfo(hall, id);
  if (!id || !staff) return undefined;
  const post = id === w.postA ? 'A' : 'B';
  return { staff, post, covering: post === 'B' && w.covering };
}
