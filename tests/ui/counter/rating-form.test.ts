import { fireEvent, render } from '@testing-library/svelte';
import RatingForm from '../../../counter/pad/RatingForm.svelte';
import { fromGbt39046, reasonRefusal, toGbt39046 } from '../../../server/domain/ratingRules.js';

const reasons = ['等候时间长', '服务态度差', '业务不熟练', '一次性告知不清', '办事效率低', '环境设施差', '其他'];

function form() {
  const onsubmit = vi.fn();
  const view = render(RatingForm, { reasons, onsubmit });
  return { onsubmit, ...view };
}

describe('the rating pad’s choice', () => {
  it('offers five levels, best first', () => {
    const { getAllByRole } = form();
    expect(getAllByRole('button').map((b) => b.textContent?.trim())).toEqual(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
  });

  it('sends 非常满意, 满意 and 基本满意 at once, without reasons', async () => {
    const { onsubmit, getByTestId } = form();
    await fireEvent.click(getByTestId('level-3'));
    expect(onsubmit).toHaveBeenCalledWith({ level: 3, reasons: [], comment: '' });
  });

  it('refuses 不满意 without a reason, and sends it with one and a comment', async () => {
    const { onsubmit, getByTestId, getByRole, getByText, queryByRole } = form();
    await fireEvent.click(getByTestId('level-2'));
    expect(onsubmit).not.toHaveBeenCalled();
    await fireEvent.click(getByTestId('submit'));
    expect(getByRole('alert')).toHaveTextContent('请至少选择一项不满意的原因');
    expect(onsubmit).not.toHaveBeenCalled();

    await fireEvent.click(getByText('等候时间长'));
    expect(queryByRole('alert')).toBeNull();
    expect(getByText('等候时间长').closest('button')).toHaveAttribute('aria-pressed', 'true');
    await fireEvent.input(getByTestId('comment'), { target: { value: '  等了一个小时  ' } });
    await fireEvent.click(getByTestId('submit'));
    expect(onsubmit).toHaveBeenCalledWith({ level: 2, reasons: ['等候时间长'], comment: '等了一个小时' });
  });

  it('asks the same of 非常不满意, and a reason picked twice is unpicked', async () => {
    const { onsubmit, getByTestId, getByText } = form();
    await fireEvent.click(getByTestId('level-1'));
    await fireEvent.click(getByText('服务态度差'));
    await fireEvent.click(getByText('服务态度差'));
    await fireEvent.click(getByTestId('submit'));
    expect(onsubmit).not.toHaveBeenCalled();
    await fireEvent.click(getByText('服务态度差'));
    await fireEvent.click(getByText('其他'));
    await fireEvent.click(getByTestId('submit'));
    expect(onsubmit).toHaveBeenCalledWith({ level: 1, reasons: ['服务态度差', '其他'], comment: '' });
  });

  it('lets the citizen go back and choose another level', async () => {
    const { onsubmit, getByTestId, getByText } = form();
    await fireEvent.click(getByTestId('level-2'));
    await fireEvent.click(getByText('重新选择'));
    await fireEvent.click(getByTestId('level-4'));
    expect(onsubmit).toHaveBeenCalledWith({ level: 4, reasons: [], comment: '' });
  });
});

describe('the rating rules the pad and the hub share', () => {
  it('needs a reason for levels 1–2 only, and only reasons from the hall’s list', () => {
    expect(reasonRefusal(2, [], reasons)).toBe('reason_required');
    expect(reasonRefusal(1, [], reasons)).toBe('reason_required');
    expect(reasonRefusal(3, [], reasons)).toBeNull();
    expect(reasonRefusal(2, ['其他'], reasons)).toBeNull();
    expect(reasonRefusal(5, ['太好了'], reasons)).toBe('unknown_reason');
  });

  it('maps to GB/T 39046’s opposite numbering only at the boundary', () => {
    expect([5, 4, 3, 2, 1].map((l) => toGbt39046(l as 1))).toEqual([1, 2, 3, 4, 5]);
    expect(fromGbt39046(1)).toBe(5);
  });
});
