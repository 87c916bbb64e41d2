/** Inspection findings from the checklist and the contest's one-way road (pure). */
import { describe, expect, it } from 'vitest';
import { defaultCaseworkRules } from '../../server/casesConfig.js';
import { contestChange, findingsOf } from '../../server/domain/cases/inspection.js';

const checklist = defaultCaseworkRules().checklist;
const base = { inspectionId: 'insp-1', hallId: 't1', windowId: 't1-1', staffId: 's1', kind: 'weekly_covert' as const, at: 1000 };

describe('inspection findings', () => {
  it('keeps each item found wanting with the checklist’s label, points and veto; a clean check has none', () => {
    const r = findingsOf(base, [{ itemId: 'demanding_benefits', note: '收受群众香烟' }, { itemId: 'eating_at_window' }], checklist);
    expect(r).toEqual({
      ok: true,
      findings: [
        { findingId: 'insp-1-1', inspectionId: 'insp-1', hallId: 't1', windowId: 't1-1', staffId: 's1', at: 1000, kind: 'weekly_covert', itemId: 'demanding_benefits', label: '吃拿卡要、乱收费', category: 'conduct_etiquette', points: 10, veto: true, contest: 'none', note: '收受群众香烟' },
        { findingId: 'insp-1-2', inspectionId: 'insp-1', hallId: 't1', windowId: 't1-1', staffId: 's1', at: 1000, kind: 'weekly_covert', itemId: 'eating_at_window', label: '在窗口吃东西', category: 'conduct_etiquette', points: 3, veto: false, contest: 'none' },
      ],
    });
    expect(findingsOf(base, [], checklist)).toEqual({ ok: true, findings: [] });
  });

  it('refuses an item not on the checklist and an item twice', () => {
    expect(findingsOf(base, [{ itemId: 'smiling' }], checklist)).toEqual({ ok: false, reason: 'unknown_item', item: 'smiling' });
    expect(findingsOf(base, [{ itemId: 'dress_code' }, { itemId: 'dress_code' }], checklist)).toEqual({ ok: false, reason: 'duplicate_item', item: 'dress_code' });
  });

  it('has the default checklist cover GB/T 36112’s four dimensions with §7’s points', () => {
    expect(new Set(checklist.map((i) => i.dimension))).toEqual(new Set(['appearance', 'behaviour', 'language', 'discipline']));
    expect(Object.fromEntries(checklist.map((i) => [i.id, i.points]))).toMatchObject({ no_badge_or_name_plate: 1, dress_code: 1, dozing_shorts_slippers: 5, phone_games_video: 5, eating_at_window: 3, chatting_crossing_posts: 5, personal_calls: 5, taboo_language_or_rude: 3, refuse_or_shirk_enquiry: 2, quarrel_staff_at_fault: 3, unrelated_work: 1 });
  });
});

describe('a finding’s contest', () => {
  it('is the named staffer’s, once; a manager decides a pending one, once', () => {
    expect(contestChange({ staffId: 's1', contest: 'none' }, { contest: { staffId: 's2' } })).toEqual({ ok: false, reason: 'not_your_finding' });
    expect(contestChange({ contest: 'none' }, { contest: { staffId: 's1' } })).toEqual({ ok: false, reason: 'not_your_finding' });
    expect(contestChange({ staffId: 's1', contest: 'none' }, { contest: { staffId: 's1' } })).toEqual({ ok: true, from: 'none', to: 'pending' });
    expect(contestChange({ staffId: 's1', contest: 'rejected' }, { contest: { staffId: 's1' } })).toEqual({ ok: false, reason: 'already_contested' });
    expect(contestChange({ staffId: 's1', contest: 'none' }, { decide: { upheld: true } })).toEqual({ ok: false, reason: 'not_contested' });
    expect(contestChange({ staffId: 's1', contest: 'pending' }, { decide: { upheld: true } })).toEqual({ ok: true, from: 'pending', to: 'upheld' });
    expect(contestChange({ staffId: 's1', contest: 'pending' }, { decide: { upheld: false } })).toEqual({ ok: true, from: 'pending', to: 'rejected' });
    expect(contestChange({ staffId: 's1', contest: 'upheld' }, { decide: { upheld: false } })).toEqual({ ok: false, reason: 'not_contested' });
  });
});
