import { render, screen, within } from '@testing-library/svelte';
import HallScreen from '../../../display/hall/HallScreen.svelte';
import { boardSnapshot, boardWindow, call, hall, NOW } from './fixtures.js';

const show = (props: Record<string, unknown> = {}) =>
  render(HallScreen, { props: { hall, state: boardSnapshot(), status: 'live', lastHeard: NOW, now: NOW, layout: 'landscape', ...props } });

describe('the hall screen 综合屏', () => {
  it('shows the current number at every window, in window order', () => {
    show();
    expect(within(screen.getByTestId('window-1')).getByText('A003')).toBeInTheDocument();
    expect(within(screen.getByTestId('window-2')).getByText('B002')).toBeInTheDocument();
    const numbers = within(screen.getByTestId('window-board'))
      .getAllByRole('article')
      .map((tile) => tile.dataset.testid);
    expect(numbers).toEqual(['window-1', 'window-2', 'window-3', 'window-4']);
  });

  it('says what a window without a ticket is doing: paused, or not open', () => {
    show();
    expect(within(screen.getByTestId('window-3')).getByText('暂停服务')).toBeInTheDocument();
    expect(within(screen.getByTestId('window-4')).getByText('暂未开放')).toBeInTheDocument();
  });

  it('shows an open window with nobody called as free', () => {
    show({ state: boardSnapshot({ windows: [boardWindow(1, 'idle')] }) });
    expect(within(screen.getByTestId('window-1')).getByText('空闲')).toBeInTheDocument();
  });

  it('shows the newest call large — "请 A003 号 到 1 号窗口办理" — and highlights it while it is news', () => {
    show({ flashing: true });
    const banner = screen.getByTestId('newest-call');
    expect(screen.getByTestId('newest-number')).toHaveTextContent('A003');
    expect(screen.getByTestId('newest-window')).toHaveTextContent('1');
    expect(banner).toHaveTextContent(/请\s*A003\s*号\s*到\s*1\s*号窗口办理/);
    expect(banner).toHaveClass('flashing');
    expect(screen.getByTestId('window-1')).toHaveClass('highlight');
    expect(screen.getByTestId('window-2')).not.toHaveClass('highlight');
  });

  it('does not flash a call that is not news', () => {
    show({ flashing: false });
    expect(screen.getByTestId('newest-call')).not.toHaveClass('flashing');
    expect(screen.getByTestId('window-1')).not.toHaveClass('highlight');
  });

  it('lists the calls before the newest one, newest first', () => {
    show();
    const recent = screen.getByTestId('recent-calls');
    const items = within(recent).getAllByRole('listitem').map((li) => li.textContent?.replace(/\s+/g, ''));
    expect(items).toEqual(['B0022号窗口', 'A0021号窗口', 'D0013号窗口']);
  });

  it('shows how many wait for each service, under its whole name', () => {
    show();
    expect(screen.getByTestId('queue-social')).toHaveTextContent('社保医保卫健');
    expect(screen.getByTestId('queue-social')).toHaveTextContent('7人');
    expect(screen.getByTestId('queue-land')).toHaveTextContent('3人');
    expect(within(screen.getByTestId('queue-agri')).getByText('农林司法文体旅')).toBeInTheDocument();
    expect(screen.getByTestId('queue-agri')).toHaveTextContent('0人');
  });

  it("shows the hall's name, the date and time in the hall's zone, and the notice", () => {
    show();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('测试县政务服务中心');
    expect(screen.getByTestId('clock')).toHaveTextContent('09:05');
    expect(screen.getByText(/2026年11月23日/)).toHaveTextContent('星期一');
    expect(screen.getByTestId('notice')).toHaveTextContent('请取号后留意叫号');
  });

  it('says nobody has been called yet on a fresh day', () => {
    show({ state: boardSnapshot({ recentCalls: [] }) });
    expect(screen.getByTestId('newest-call')).toHaveTextContent('暂无叫号');
  });

  it('marks an offline screen "离线 · 数据停在 HH:MM", dims the data and flashes nothing', () => {
    show({ status: 'offline', lastHeard: Date.parse('2026-11-23T09:03:00+08:00'), flashing: true });
    expect(screen.getByTestId('offline-marker')).toHaveTextContent('离线 · 数据停在 09:03');
    expect(screen.getByTestId('hall-screen')).toHaveClass('stale');
    expect(screen.getByTestId('newest-call')).not.toHaveClass('flashing');
  });

  it('shows no offline marker while live', () => {
    show();
    expect(screen.queryByTestId('offline-marker')).not.toBeInTheDocument();
    expect(screen.getByTestId('hall-screen')).not.toHaveClass('stale');
  });

  it('asks for a tap when the browser blocks sound', () => {
    show({ soundBlocked: true });
    expect(screen.getByTestId('sound-blocked')).toHaveTextContent('点击启用声音');
  });

  it('uses the portrait layout when asked', () => {
    show({ layout: 'portrait' });
    expect(screen.getByTestId('hall-screen')).toHaveAttribute('data-layout', 'portrait');
    expect(screen.getByTestId('newest-number')).toHaveTextContent('A003');
  });

  describe('on an LED wall', () => {
    it('shows the newest call in large glyphs with its window', () => {
      show({ layout: 'led' });
      expect(screen.getByTestId('hall-led')).toBeInTheDocument();
      expect(screen.getByTestId('newest-number')).toHaveTextContent('A003');
      expect(screen.getByTestId('newest-call')).toHaveTextContent('到1号窗口');
    });

    it('takes turns: recent calls, then waiting counts, then windows', () => {
      const led = show({ layout: 'led', ledPage: 0 });
      expect(screen.getByTestId('hall-led')).toHaveTextContent('B002');
      led.unmount();
      const page1 = show({ layout: 'led', ledPage: 1 });
      expect(screen.getByTestId('hall-led')).toHaveTextContent('农林司法文体旅');
      expect(screen.getByTestId('hall-led')).toHaveTextContent('7人');
      page1.unmount();
      show({ layout: 'led', ledPage: 2 });
      expect(screen.getByTestId('hall-led')).toHaveTextContent('暂停服务');
    });

    it('replaces the hall name with the offline marker when offline', () => {
      show({ layout: 'led', status: 'offline', lastHeard: Date.parse('2026-11-23T09:03:00+08:00') });
      expect(screen.getByTestId('offline-marker')).toHaveTextContent('离线 · 数据停在 09:03');
    });
  });

  it('keeps a recalled ticket as the newest call', () => {
    show({ state: boardSnapshot({ recentCalls: [call('B002', 2), call('A003', 1)] }) });
    expect(screen.getByTestId('newest-number')).toHaveTextContent('B002');
  });
});
