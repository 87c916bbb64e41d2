import { render, screen } from '@testing-library/svelte';
import WindowScreen from '../../../display/window/WindowScreen.svelte';
import type { WindowView } from '../../../server/protocol.js';
import { hall, NOW, window, windowSnapshot } from './fixtures.js';

const show = (w: WindowView, props: Record<string, unknown> = {}) =>
  render(WindowScreen, {
    props: { hall, state: windowSnapshot(w), windowId: w.id, status: 'live', lastHeard: NOW, now: NOW, layout: 'monitor', ...props },
  });

const idle = window(1, { postA: 's1', onDuty: 's1' });
const called = window(1, { state: 'called', ticketId: 'x', ticketNumber: 'A001', postA: 's1', onDuty: 's1' });
const serving = window(1, { state: 'serving', ticketId: 'x', ticketNumber: 'A001', postA: 's1', onDuty: 's1' });
const paused = window(1, { state: 'paused', postA: 's1', awayA: 'meeting', pauseReason: 'meeting' });
const closed = window(1, { state: 'closed' });
// A (张伟) is away at a meal; B (李娜) covers the window and serves.
const covered = window(1, { state: 'serving', ticketId: 'y', ticketNumber: 'A004', postA: 's1', awayA: 'meal', postB: 's2', onDuty: 's2', covering: true });

describe.each(['monitor', 'led'] as const)('the window screen 窗口屏 (%s)', (layout) => {
  it('welcomes citizens when the window is open and nobody is called: 欢迎光临', () => {
    show(idle, { layout });
    expect(screen.getByTestId('window-screen')).toHaveAttribute('data-layout', layout);
    expect(screen.getByTestId('window-screen')).toHaveTextContent('1号窗口');
    expect(screen.getByTestId('window-screen')).toHaveTextContent('综合受理一');
    expect(screen.getByTestId('window-state')).toHaveTextContent('欢迎光临');
    expect(screen.getByTestId('window-screen')).toHaveTextContent('张伟');
    expect(screen.getByTestId('window-screen')).toHaveTextContent('工号 s1');
    expect(screen.getByTestId('window-screen')).toHaveTextContent('A岗');
  });

  it('asks the called number to come', () => {
    show(called, { layout });
    expect(screen.getByTestId('window-ticket')).toHaveTextContent('A001');
    expect(screen.getByTestId('window-screen')).toHaveTextContent('请A001号办理');
  });

  it('shows the number being served: 办理中', () => {
    show(serving, { layout });
    expect(screen.getByTestId('window-ticket')).toHaveTextContent('A001');
    expect(screen.getByTestId('window-screen')).toHaveTextContent('办理中');
  });

  it('shows 暂停服务 with the reason', () => {
    show(paused, { layout });
    expect(screen.getByTestId('window-state')).toHaveTextContent('暂停服务');
    expect(screen.getByTestId('window-screen')).toHaveTextContent('会议');
    expect(screen.getByTestId('window-screen')).toHaveTextContent('张伟');
  });

  it('shows 暂未开放 (the citizens’ word, as on the hall screen and the pad) and nobody when no one is signed in', () => {
    show(closed, { layout });
    expect(screen.getByTestId('window-state')).toHaveTextContent('暂未开放');
    expect(screen.getByTestId('window-screen')).not.toHaveTextContent('张伟');
  });

  it('shows the B post covering while A is away', () => {
    show(covered, { layout });
    expect(screen.getByTestId('window-screen')).toHaveTextContent('李娜');
    expect(screen.getByTestId('window-screen')).toHaveTextContent('B岗');
    expect(screen.getByTestId('window-screen')).toHaveTextContent('代岗');
    expect(screen.getByTestId('window-screen')).not.toHaveTextContent('张伟');
    expect(screen.getByTestId('window-ticket')).toHaveTextContent('A004');
  });

  it('marks itself offline and never looks live with stale data', () => {
    show(serving, { layout, status: 'offline', lastHeard: Date.parse('2026-11-23T09:03:00+08:00') });
    expect(screen.getByTestId('offline-marker')).toHaveTextContent('离线 · 数据停在 09:03');
    expect(screen.getByTestId('window-screen')).toHaveClass('stale');
  });
});

describe('the window screen on a monitor', () => {
  it('says the pause reason in words: 原因：会议', () => {
    show(paused);
    expect(screen.getByTestId('pause-reason')).toHaveTextContent('原因：会议');
  });

  it("shows the staffer's photo when the configuration has one", () => {
    show(idle);
    expect(screen.getByRole('img', { name: '张伟的照片' })).toHaveAttribute('src', '/photos/s1.jpg');
  });

  it('shows the surname on a placeholder when there is no photo', () => {
    show(covered);
    expect(screen.getByTestId('photo-placeholder')).toHaveTextContent('李');
    expect(screen.getByTestId('staff-post')).toHaveTextContent(/B岗\s*·\s*代岗/);
  });

  it('keeps a two-character surname whole on the placeholder', () => {
    show(window(1, { postA: 's3', onDuty: 's3' }));
    expect(screen.getByTestId('photo-placeholder')).toHaveTextContent('欧阳');
  });

  it('shows the A post without a cover mark when A is on duty', () => {
    show(idle);
    expect(screen.getByTestId('staff-post')).toHaveTextContent('A岗');
    expect(screen.getByTestId('staff-post')).not.toHaveTextContent('代岗');
  });

  it('flashes a fresh call only while live', () => {
    const first = show(called, { flashing: true });
    expect(screen.getByTestId('window-ticket').parentElement).toHaveClass('flashing');
    first.unmount();
    show(called, { flashing: true, status: 'offline', lastHeard: NOW });
    expect(screen.getByTestId('window-ticket').parentElement).not.toHaveClass('flashing');
  });
});
