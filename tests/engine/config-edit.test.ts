import { describe, expect, it } from 'vitest';
import { configChanges, editRefusal, withKeptSecrets, withoutSecrets } from '../../server/domain/hallConfigEdit.js';
import { testConfig } from '../helpers/hall.js';

const hall = () => structuredClone(testConfig().halls[0]!);

describe('an edit of a hall’s configuration', () => {
  it('names each change by the identity of what changed, not its place in a list', () => {
    const before = hall();
    const after = hall();
    after.services.reverse(); // a reordering is no change of any service
    after.staff = after.staff.filter((s) => s.id !== 's4');
    after.staff.push({ id: 's9', name: '新人', role: 'staff', posts: [] });
    after.schedule.holidays = ['2026-12-25', '2027-01-01'];
    expect(configChanges(before, after)).toEqual([
      { path: 'schedule.holidays', before: ['2026-12-25'], after: ['2026-12-25', '2027-01-01'] },
      { path: 'services (order)', before: ['social', 'land', 'tax'], after: ['tax', 'land', 'social'] },
      { path: 'staff[s4]', before: before.staff[3] },
      { path: 'staff[s9]', after: { id: 's9', name: '新人', role: 'staff', posts: [] } },
    ]);
  });

  it('never lets a password into the audit, and keeps each staffer’s password when the edit leaves it out', () => {
    const before = hall();
    before.staff[0]!.passwordHash = 'scrypt$secret';
    const shown = withoutSecrets(before);
    expect(shown.staff[0]).not.toHaveProperty('passwordHash');
    const edit = structuredClone(shown);
    edit.staff[0]!.name = '张伟伟';
    const kept = withKeptSecrets(before, edit);
    expect(kept.staff[0]!.passwordHash).toBe('scrypt$secret');
    const changed = structuredClone(kept);
    changed.staff[1]!.password = 'new-one';
    expect(configChanges(before, changed)).toEqual([
      { path: 'staff[s1].name', before: '张伟', after: '张伟伟' },
      { path: 'staff[s2].password', after: '(密码已更改)' },
    ]);
    const gone = structuredClone(before);
    gone.staff = gone.staff.slice(1);
    expect(JSON.stringify(configChanges(before, gone))).not.toContain('secret');
  });

  it('refuses to take away what the live day holds', () => {
    const before = hall();
    const after = hall();
    after.windows = after.windows.filter((w) => w.number !== 3);
    const closed = { id: 't1-3', state: 'closed' };
    expect(editRefusal(before, after, { windows: [closed], waiting: [] })).toBeNull();
    expect(editRefusal(before, after, { windows: [{ ...closed, state: 'open' }], waiting: [] })?.reason).toBe('window_in_use');
    expect(editRefusal(before, after, { windows: [closed], waiting: [{ serviceId: 'tax', windowId: 't1-3' }] })?.reason).toBe('window_in_use');
    const noTax = hall();
    noTax.services = noTax.services.filter((s) => s.id !== 'tax');
    expect(editRefusal(before, noTax, { windows: [], waiting: [{ serviceId: 'tax' }] })?.reason).toBe('service_in_use');
    expect(editRefusal(before, noTax, { windows: [], waiting: [{ serviceId: 'land' }] })).toBeNull();
    const noS1 = hall();
    noS1.staff = noS1.staff.filter((s) => s.id !== 's1');
    expect(editRefusal(before, noS1, { windows: [{ id: 't1-1', state: 'open', postA: 's1' }], waiting: [] })?.reason).toBe('staff_signed_in');
    expect(editRefusal(before, { ...hall(), id: 'other' }, { windows: [], waiting: [] })?.reason).toBe('hall_id_changed');
  });
});
