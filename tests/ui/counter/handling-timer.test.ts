import { render } from '@testing-library/svelte';
import HandlingTimer from '../../../counter/terminal/HandlingTimer.svelte';
import { clock, handlingTime } from '../../../counter/terminal/timer.js';

const START = Date.parse('2026-11-23T10:00:00+08:00');
const min = 60_000;

describe('the handling timer of the current ticket', () => {
  it('runs from the start of handling and stays calm within the service’s standard minutes', () => {
    const { getByTestId } = render(HandlingTimer, { startedAt: START, standardMinutes: 10, now: START + 9 * min + 59_000 });
    expect(getByTestId('handling-clock')).toHaveTextContent('9:59');
    expect(getByTestId('handling-timer')).toHaveAttribute('data-over', 'false');
    expect(getByTestId('handling-timer')).not.toHaveClass('over');
    expect(getByTestId('handling-timer')).toHaveTextContent('标准 10 分钟');
  });

  it('turns red once handling passes the standard minutes (办理超时)', async () => {
    const { getByTestId, rerender } = render(HandlingTimer, { startedAt: START, standardMinutes: 10, now: START + 10 * min });
    expect(getByTestId('handling-timer')).toHaveAttribute('data-over', 'false');
    await rerender({ startedAt: START, standardMinutes: 10, now: START + 10 * min + 1000 });
    expect(getByTestId('handling-timer')).toHaveClass('over');
    expect(getByTestId('handling-timer')).toHaveAttribute('data-over', 'true');
    await rerender({ startedAt: START, standardMinutes: 10, now: START + 13 * min + 5000 });
    expect(getByTestId('handling-timer')).toHaveTextContent('超时 3:05');
    expect(getByTestId('handling-clock')).toHaveTextContent('13:05');
  });

  it('never turns red without a standard to compare with', () => {
    expect(handlingTime(START, START + 99 * min, undefined).over).toBe(false);
  });

  it('reads hours past the first', () => {
    expect(clock(3_725_000)).toBe('1:02:05');
    expect(clock(65_000)).toBe('1:05');
  });
});
