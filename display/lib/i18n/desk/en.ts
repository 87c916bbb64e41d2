/** The front page and the manager's desk in English: the same keys as ./zh-CN.ts. */
export const homeEn = {
  title: 'Service hall · entrances',
  serves: 'This system serves',
  level: { county: 'County', town: 'Town', village: 'Village' },
  under: 'Under {parent}',
  roles: 'Choose your entrance',
  counter: { title: 'Counter terminal', body: 'Window staff: log in, sign in, call, serve' },
  desk: { title: 'Manager’s desk', body: 'Hall managers: live view, alerts, attendance, actions' },
  inspect: { title: 'Inspection', body: 'Inspectors: checks on the phone, with photos' },
  admin: { title: 'Configuration', body: 'Admins: services, window tiers, staff and A/B posts, schedule, rules; applied at once, every edit recorded' },
  devices: { title: 'Hall devices', body: 'Hall screen, window screens, kiosks, rating pads', note: 'Device pages need a pairing token (paired by an admin under Devices on the desk)' },
  device: { hall: 'Hall screen', window: 'Window screen', kiosk: 'Kiosk', pad: 'Rating pad' },
  loginHint: 'Log in with your staff id and password; you are taken to your page by role',
};

export const deskEn = {
  title: 'Manager’s desk',
  login: {
    title: 'Desk login', username: 'Staff id', password: 'Password', submit: 'Log in', busy: 'Logging in…',
    wrong: 'Wrong staff id or password', network: 'Cannot reach the hub, try again', staffOnly: 'Window staff use the counter terminal',
    inspectorGo: 'Inspectors use the inspection page', notAllowed: 'Only the hall’s managers use the desk',
  },
  nav: { today: 'Today', actions: 'Actions', leave: 'Leave', devices: 'Devices', wall: 'Wall' },
  logout: 'Log out', offline: 'Offline · data as of {time}', connecting: 'Connecting…', refused: 'Not allowed to use the desk: log in again',
  attention: { title: 'Needs attention', none: 'All clear', alerts: 'Alerts {n}', overTarget: 'Over target {n}', paused: 'Paused {n}', closed: 'Not open {n}', absent: 'Absent {n}', printers: 'Printer faults {n}' },
  queues: { title: 'Queues', service: 'Service', waiting: 'Waiting', longest: 'Longest wait', target: 'Target {n} min', trend: 'Trend', empty: 'Nobody waits' },
  windows: {
    title: 'Windows', number: 'No. {n}', staff: 'Staff', covering: 'B covering', ticket: 'Ticket', handling: 'Serving {time}', standard: 'Standard {n} min',
    pausedFor: '{reason} · {time}', none: '—', called: 'Called {time}',
  },
  roster: {
    title: 'Roster today', late: '{n} min late', awayFor: '{reason} {n} min', leaveUntil: 'until {time}', at: 'Window {n} {post}',
    status: { absent: 'Absent', away: 'Away', covering: 'Covering', in: 'In', leave: 'On leave', not_in: 'Not in yet', unscheduled: 'No post' },
    counts: 'In {in} · away {away} · absent {absent} · leave {leave}',
  },
  alerts: {
    title: 'Alerts', none: 'No alerts', open: 'Open', resolved: 'Resolved {time}', acked: '{by} acknowledged {time}', ack: 'Acknowledge', ackTitle: 'Acknowledge', note: 'Note (optional)',
    confirm: 'Confirm', cancel: 'Cancel', since: 'since {time}',
    kind: {
      away_uncovered: 'Away, not covered', both_away: 'A and B both away', window_unstaffed: 'Window unstaffed', not_signed_in: 'Not signed in', off_roster: 'Off-roster sign-in',
      wait_over_target: 'Wait over target', bad_review: 'Bad review', case_overdue: 'Case overdue',
    },
  },
  printers: { title: 'Printers', none: 'No printers configured', state: { none: 'None', unknown: 'Unknown', ready: 'Ready', offline: 'Offline', paperOut: 'Paper out', coverOpen: 'Cover open', error: 'Error' }, nearEnd: 'Paper low' },
  kpi: {
    title: 'Today', arrivals: 'Issued', served: 'Served', waitAvg: 'Average wait', satisfaction: 'Satisfaction', overTarget: 'Waits over target', badReviews: 'Bad reviews',
    byHour: 'Issued and served by hour', waits: 'Waiting times', ratings: 'Ratings', minutes: '{n} min', none: '—', bucket: '{from}–{to} min', bucketLast: '{from}+ min', hour: '{n}:00',
  },
  actions: {
    title: 'Actions', closeWindow: 'Close window', closeConfirm: 'Close window {n}? Its staff are signed out.', openNote: 'A window opens when its staff sign in at the counter',
    cancelTicket: 'Cancel ticket', cancelConfirm: 'Cancel {number}? The citizen leaves the queue.', ticketNumber: 'Ticket', pick: 'Choose',
    issue: 'Help-desk ticket', issueBody: 'For a citizen without a phone, or when the kiosk is down', service: 'Service', priority: 'Class', issueSubmit: 'Issue', issued: 'Issued: {number} ({ahead} ahead)',
    done: 'Done', confirm: 'Confirm', cancel: 'Cancel', noWaiting: 'No waiting tickets',
  },
  leave: {
    title: 'Leave requests', none: 'Nothing to decide', staff: 'Staff', type: 'Type', span: 'When', reason: 'Reason', approve: 'Approve', refuse: 'Refuse',
    refuseConfirm: 'Refuse {name}’s {type} request?', note: 'Note (optional)', correction: 'Missed punch', decided: 'Decided',
  },
  devices: {
    title: 'Devices', none: 'No devices paired', kind: 'Kind', where: 'Where', paired: 'Paired', pair: 'Pair a device', revoke: 'Revoke', revokeConfirm: 'Revoke this device? It disconnects now and must be paired again.',
    window: 'Window', kiosk: 'Kiosk id', token: 'Pairing token (shown once):', link: 'Device address', adminOnly: 'Only an admin pairs and revokes devices',
  },
  wall: { title: '{hall} · live', updated: 'Updated {time}' },
  errors: {
    window_busy: 'The window is serving a ticket: close it after that', bad_state: 'Not allowed in the current state', unknown_alert: 'The alert no longer exists', forbidden: 'You may not do this', unknown_device: 'No such device',
    needs_higher_approver: 'A higher approver must decide this request', own_request: 'You cannot decide your own request', changed_meanwhile: 'Someone else decided it meanwhile', network: 'Cannot reach the hub, try again', other: 'Failed ({code})',
  },
};
