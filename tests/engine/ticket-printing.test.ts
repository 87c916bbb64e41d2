import { describe, expect, it } from 'vitest';
import { LATE_PRINT_MS, printDecision } from '../../server/domain/ticketPrinting.js';

const issuedAt = 1_800_000_000_000;
const at = (msAfterIssue: number) => issuedAt + msAfterIssue;

describe('when a kiosk ticket is printed, and how it is marked', () => {
  it('prints a prompt paper as issued, even if a window called the ticket meanwhile', () => {
    expect(printDecision({ claim: 'fresh', status: 'waiting', issuedAt, now: at(800) })).toEqual({ print: true, reprint: false });
    expect(printDecision({ claim: 'fresh', status: 'called', issuedAt, now: at(800) })).toEqual({ print: true, reprint: false });
    expect(LATE_PRINT_MS).toBe(60_000);
    expect(printDecision({ claim: 'fresh', status: 'called', issuedAt, now: at(60_000) })).toEqual({ print: true, reprint: false });
  });

  it('prints a late paper only while the ticket waits, marked 补打', () => {
    expect(printDecision({ claim: 'fresh', status: 'waiting', issuedAt, now: at(60_001) })).toEqual({ print: true, reprint: true });
    for (const status of ['called', 'serving', 'done', 'cancelled', 'missed', null]) {
      expect(printDecision({ claim: 'fresh', status, issuedAt, now: at(3 * 3600_000) })).toEqual({ print: false, why: 'no_longer_waiting' });
    }
  });

  it('marks 补打 any second paper of a ticket whose first printing had an unknown end, and only while it waits', () => {
    expect(printDecision({ claim: 'uncertain', status: 'waiting', issuedAt, now: at(2000) })).toEqual({ print: true, reprint: true });
    expect(printDecision({ claim: 'uncertain', status: 'called', issuedAt, now: at(2000) })).toEqual({ print: false, why: 'no_longer_waiting' });
  });

  it('never prints a ticket known printed', () => {
    for (const status of ['waiting', 'called', null]) {
      expect(printDecision({ claim: 'done', status, issuedAt, now: at(10) })).toEqual({ print: false, why: 'already_printed' });
    }
  });
});
