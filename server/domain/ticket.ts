/**
 * The ticket's life (DESIGN.md §3). The atomic Redis scripts enforce these transitions; this table
 * is the one place a reader finds them, and the tests check the scripts against it.
 *
 *   issued ─► waiting ─► called ─► serving ─► done
 *                ▲          │ │        └─► transferred ─► waiting (target window or service)
 *                │ recall ◄─┘ │
 *                └── no-show ─┘  (re-queued N places back, until the limit; then missed)
 *   waiting ─► cancelled (by the citizen, or the end-of-day sweep)
 */
export const ticketStatuses = ['waiting', 'called', 'serving', 'done', 'missed', 'cancelled'] as const;
export type TicketStatus = (typeof ticketStatuses)[number];

export const outcomes = ['completed', 'accepted', 'notice', 'consultation', 'proxy'] as const;
/** 办结 / 受理 / 一次性告知 / 咨询 / 代办 */
export type Outcome = (typeof outcomes)[number];

export const pauseReasons = ['meeting', 'training', 'errand', 'meal', 'other'] as const;
/** 会议 / 培训 / 外出办事 / 就餐 / 其他 */
export type PauseReason = (typeof pauseReasons)[number];

/** Which operation is allowed from which ticket status. */
export const allowedFrom = {
  call: ['waiting'],
  recall: ['called'],
  start: ['called'],
  noShow: ['called'],
  complete: ['serving'],
  transfer: ['called', 'serving'],
  cancel: ['waiting'],
} as const satisfies Record<string, readonly TicketStatus[]>;

export const isFinal = (s: TicketStatus): boolean => s === 'done' || s === 'missed' || s === 'cancelled';
