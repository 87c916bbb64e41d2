/**
 * The login says what the hub's limit leaves (attempts, or minutes to wait), asks before taking over
 * a desk live on another terminal, and a terminal taken over says so at its login.
 * The hub is a scripted fetch; tests/hub/auth.test.ts checks the hub's answers, tests/e2e the whole.
 */
import { fireEvent, render } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import Login from '../../../counter/terminal/Login.svelte';
import { Terminal } from '../../../counter/terminal/terminal.svelte.js';

let answers: Response[];
let sent: Record<string, unknown>[];
let term: Terminal;

beforeEach(() => {
  answers = [];
  sent = [];
  vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
    sent.push(JSON.parse(String(init.body)) as Record<string, unknown>);
    return answers.shift()!;
  });
  term = new Terminal(window.sessionStorage);
  // Nothing to connect to in jsdom: the test checks the login, not the feed.
  vi.spyOn(term as unknown as { connect: () => Promise<void> }, 'connect').mockResolvedValue();
});
afterEach(() => vi.unstubAllGlobals());

async function submit(view: { getByTestId: (id: string) => HTMLElement }, password = 'wrong') {
  await fireEvent.input(view.getByTestId('login-username'), { target: { value: '1003' } });
  await fireEvent.input(view.getByTestId('login-password'), { target: { value: password } });
  await fireEvent.submit(view.getByTestId('login-submit').closest('form')!);
}

describe('the counter login', () => {
  it('tells how many attempts are left, then how long to wait, from the hub’s answers', async () => {
    const view = render(Login, { term });
    answers.push(Response.json({ error: 'unauthorized', message: '', attemptsLeft: 5 }, { status: 401 }));
    await submit(view);
    await vi.waitFor(() => expect(view.getByTestId('login-error')).toHaveTextContent('工号或密码错误，还可尝试 5 次'));
    answers.push(Response.json({ error: 'unauthorized', message: '', attemptsLeft: 0, retryAfterSeconds: 840 }, { status: 401 }));
    await submit(view);
    await vi.waitFor(() => expect(view.getByTestId('login-error')).toHaveTextContent('工号或密码错误，尝试次数已用完，请 14 分钟后再试'));
    answers.push(Response.json({ error: 'too_many_attempts', message: '', retryAfterSeconds: 61 }, { status: 429 }));
    await submit(view);
    await vi.waitFor(() => expect(view.getByTestId('login-error')).toHaveTextContent('尝试次数过多，请 2 分钟后再试'));
  });

  it('asks before taking over a desk live elsewhere: Esc keeps out, Enter logs in with takeover', async () => {
    const view = render(Login, { term });
    answers.push(Response.json({ error: 'live_elsewhere', message: '' }, { status: 409 }));
    await submit(view, 'pw');
    await vi.waitFor(() => expect(view.getByTestId('takeover-confirm-text')).toHaveTextContent('该工号正在另一台终端使用，是否在此登录？'));
    await fireEvent.keyDown(window, { key: 'Escape' });
    expect(view.queryByTestId('takeover-confirm')).toBeNull();
    expect(term.session).toBeNull();

    answers.push(Response.json({ error: 'live_elsewhere', message: '' }, { status: 409 }));
    answers.push(Response.json({ token: 'tok-2', staff: { id: '1003', name: '王芳', role: 'staff', hallId: 't1' } }));
    await submit(view, 'pw');
    await vi.waitFor(() => expect(view.getByTestId('takeover-confirm')).toBeInTheDocument());
    await fireEvent.keyDown(window, { key: 'Enter' });
    await vi.waitFor(() => expect(term.session?.token).toBe('tok-2'));
    expect(sent).toEqual([
      { username: '1003', password: 'pw' },
      { username: '1003', password: 'pw' },
      { username: '1003', password: 'pw', takeover: true },
    ]);
  });

  it('sends a terminal taken over back to the login, saying why', async () => {
    term.session = { token: 'tok-1', staff: { id: '1003', name: '王芳', role: 'staff', hallId: 't1' } };
    term.live = { hallId: 't1', lastEventId: 3, date: '20261123', windows: [{ id: 't1-3', number: 3, state: 'idle', postA: '1003', onDuty: '1003', covering: false }], queues: [], recentCalls: [], waiting: [] };
    answers.push(Response.json({ error: 'taken_over', message: '' }, { status: 401 }));
    await term.act('call-next');
    expect(term.session).toBeNull();
    const view = render(Login, { term });
    expect(view.getByTestId('login-notice')).toHaveTextContent('该工号已在另一台终端登录，本终端已退出');
  });
});
