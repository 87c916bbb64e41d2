/**
 * The desk's views, one entry each: its route (#/path), its tab label's message key, and who sees
 * it. Another view (the month, the admin console, the halls under this one) is one more entry here
 * and one component; the shell draws the tabs and routes from this list.
 */
import type { Component } from 'svelte';
import type { DeskFeed } from './deskFeed.svelte.js';
import type { DeskSession } from './session.js';
import TodayView from './today/TodayView.svelte';
import ActionsView from './actions/ActionsView.svelte';
import LeaveView from './actions/LeaveView.svelte';
import DevicesView from './actions/DevicesView.svelte';
import WallView from './wall/WallView.svelte';
import MonthView from './month/MonthView.svelte';
import CasesView from './cases/CasesView.svelte';
import HallsView from './halls/HallsView.svelte';

export interface DeskViewProps {
  feed: DeskFeed;
  session: DeskSession;
  /** Open another hall (one under the manager's) in the desk. */
  openHall: (hallId: string) => void;
}

export interface DeskView {
  path: string;
  label: string;
  component: Component<DeskViewProps>;
  /** Roles that see the tab (default: every role the desk admits). */
  roles?: readonly string[];
  /** Full screen, no navigation or controls (the wall). */
  bare?: boolean;
}

export const deskViews: DeskView[] = [
  { path: 'today', label: 'desk.nav.today', component: TodayView },
  { path: 'actions', label: 'desk.nav.actions', component: ActionsView },
  { path: 'leave', label: 'desk.nav.leave', component: LeaveView },
  { path: 'month', label: 'desk.nav.month', component: MonthView },
  { path: 'cases', label: 'desk.nav.cases', component: CasesView },
  { path: 'halls', label: 'desk.nav.halls', component: HallsView },
  { path: 'devices', label: 'desk.nav.devices', component: DevicesView, roles: ['admin'] },
  { path: 'wall', label: 'desk.nav.wall', component: WallView, bare: true },
];

/** The view a location hash names (#/today), or the first one. */
export const viewOf = (hash: string, role: string): DeskView => {
  const path = hash.replace(/^#\/?/, '').split('?')[0];
  const allowed = deskViews.filter((v) => !v.roles || v.roles.includes(role));
  return allowed.find((v) => v.path === path) ?? allowed[0]!;
};
