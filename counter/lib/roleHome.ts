/**
 * Where each role works after logging in: window staff at the counter terminal, managers and
 * admins at the desk, inspectors on the inspection page (its own issue builds it at /inspect/).
 * The desk and the counter share the tab's session (counter/terminal/session.ts), so going there
 * does not ask for the password again.
 */
export const roleHome = (role: string): string =>
  role === 'manager' || role === 'admin' ? '/desk/desk.html' : role === 'inspector' ? '/inspect/' : '/counter/terminal.html';
