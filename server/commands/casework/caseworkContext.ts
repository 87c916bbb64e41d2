/**
 * What the casework commands need: the halls, the clock, the SQL stores, and a hook the alerts
 * listen on. Their refusals, each with a clear message, the transport maps to HTTP statuses.
 */
import type { Halls } from '../context.js';
import type { CaseClock, BadReviewCase } from '../../domain/cases/badReview.js';
import { caseRefusals } from '../../domain/cases/badReview.js';
import { inspectionRefusals } from '../../domain/cases/inspection.js';
import type { Hall } from '../../domain/hall.js';
import { calendarOf, type Clock } from '../../domain/time.js';
import type { CaseStore } from '../../store/archive/casework/caseStore.js';
import type { EvidenceStore } from '../../store/archive/casework/evidenceStore.js';
import type { InspectionStore } from '../../store/archive/casework/inspectionStore.js';
import type { RecordStore } from '../../store/archive/casework/recordStore.js';

export interface CaseworkContext {
  halls: Halls;
  clock: Clock;
  cases: CaseStore;
  inspections: InspectionStore;
  records: RecordStore;
  evidence: EvidenceStore;
  /** A case opened or stepped (the alerts reschedule or resolve). Errors are the listener's own. */
  caseChanged?: (c: BadReviewCase) => void;
}

export const caseworkRefusals = {
  ...caseRefusals,
  ...inspectionRefusals,
  unknown_hall: 'no such hall',
  unknown_case: 'no such case',
  unknown_finding: 'no such finding',
  unknown_window: 'no such window',
  unknown_staff: 'no such staff member in this hall',
  not_an_assignee: 'a case is assigned to a manager or an inspector of the hall',
  bad_evidence: 'a photo is not one you uploaded to this hall, or it is attached to another record already',
  too_many_photos: 'more photos than the hall allows on one record',
  unsupported_type: 'the file is not a photo of a type the hall accepts (JPEG, PNG or WebP by default)',
  too_large: 'the photo is larger than the hall allows',
  empty_file: 'the upload is empty',
  changed_meanwhile: 'someone changed it at the same moment: reload and try again',
} as const;
export type CaseworkRefusal = keyof typeof caseworkRefusals;

export type CaseworkResult<T extends object> = ({ ok: true } & T) | { ok: false; reason: CaseworkRefusal; detail?: string };
export const refuse = (reason: CaseworkRefusal, detail?: string): { ok: false; reason: CaseworkRefusal; detail?: string } => ({ ok: false, reason, ...(detail ? { detail } : {}) });

/** The deadline rules and the calendar a hall's cases run on. */
export const caseClockOf = (hall: Hall): CaseClock => ({
  rules: { ...hall.config.casework.deadlines, reopenLimit: hall.config.casework.reopenLimit },
  calendar: calendarOf(hall.config.schedule),
  timeZone: hall.config.timeZone,
});
