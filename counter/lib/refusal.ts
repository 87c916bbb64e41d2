/** A refusal's text: t('refusal.<code>') for the API's stable codes, else by HTTP status. */
import { t } from '../../display/lib/i18n/index.js';
import { Refused } from './http.js';

export function refusalText(err: unknown): string {
  if (!(err instanceof Refused)) return t('refusal.network');
  // Says why and what to do: how long the citizen still has to come, or that a recall is due first.
  if (err.code === 'no_show_too_early') return err.detail === 'recall' ? t('refusal.no_show_recall_first') : t('refusal.no_show_too_early', { seconds: err.detail ?? '' });
  const known = t(`refusal.${err.code}`);
  if (known !== `refusal.${err.code}`) return known;
  if (err.status === 0 || err.status >= 500) return t('refusal.network');
  if (err.status === 401) return t('refusal.unauthorized');
  if (err.status === 403) return t('refusal.forbidden');
  return err.message || err.code;
}

/**
 * A refusal of a leave or 补签 request, a cancel or a 销假: the leave wording first
 * (t('counter.leave.refusal.<code>'), e.g. bad_state means the request's status there, not a
 * ticket's), then the common refusals. bad_request names the field the hub found wrong.
 */
export function leaveRefusalText(err: unknown): string {
  if (err instanceof Refused) {
    if (err.code === 'bad_request') return t('counter.leave.refusal.bad_request', { field: err.message.split(':')[0] ?? '' });
    const known = t(`counter.leave.refusal.${err.code}`);
    if (known !== `counter.leave.refusal.${err.code}`) return known;
  }
  return refusalText(err);
}
