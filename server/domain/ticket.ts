/**
 * The ticket's life (DESIGN.md §3). The atomic Redis scripts (server/store/lua) enforce these
 * transitions: each script's header says from which status it acts; tests/engine/state-machine
 * checks every one and its refusals.
 *
 *   issued ─► waiting ─► called ─► serving ─► done
 *                ▲          │ │        └─► transferred ─► waiting (target window or service)
 *                │ recall ◄─┘ │
 *                └── no-show ─┘  (re-queued N places back, until the limit; then missed)
 *   waiting ─► cancelled (by the citizen, or the end-of-day sweep)
 *   called, serving ─► cancelled (the midnight rollover, when the window never let it go: sweep.lua)
 */
export const ticketStatuses = ['waiting', 'called', 'serving', 'done', 'missed', 'cancelled'] as const;
export type TicketStatus = (typeof ticketStatuses)[number];

/** 普通 / 优先 (老年人, 残疾人, 军人, 孕妇: confirmed by staff) / 预约. */
export const priorityClasses = ['normal', 'priority', 'appointment'] as const;
export type PriorityClass = (typeof priorityClasses)[number];

export const outcomes = ['completed', 'accepted', 'notice', 'consultation', 'proxy'] as const;
/** 办结 / 受理 / 一次性告知 / 咨询 / 代办 */
export type Outcome = (typeof outcomes)[number];

/**
 * Why a staffer is away from the window (离岗: 会议 / 培训 / 外出办事 / 就餐 / 其他). One word for it
 * everywhere: away.lua and back.lua, the commands markAway and markBack, the routes
 * /windows/{id}/away and /back, the events staff.away and staff.back. A window is *paused*
 * (暂停服务, its state, with pauseReason) while nobody signed in there is on duty: that is the
 * window's state, not another name for the act.
 */
export const awayReasons = ['meeting', 'training', 'errand', 'meal', 'other'] as const;
export type AwayReason = (typeof awayReasons)[number];
