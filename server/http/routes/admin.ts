/**
 * The admin console's API: a hall's configuration as the file holds it (no passwords), an edit of
 * it (the whole hall, validated by the file's schema, applied live), its audit trail, and the
 * configuration of every hall exported back as the YAML file that seeds a new hall.
 */
import { stringify as toYaml } from 'yaml';
import { z } from 'zod';
import { canAdminister } from '../../auth/policies.js';
import { editHallConfig, type EditHallConfigDeps } from '../../commands/admin/editHallConfig.js';
import { withoutSecrets } from '../../domain/hallConfigEdit.js';
import type { ConfigStore } from '../../store/archive/configStore.js';
import type { RouteKit } from '../kit.js';
import { HttpError } from '../route.js';
import { errorSchema, params } from '../schemas.js';

export interface AdminDeps extends Omit<EditHallConfigDeps, 'ctx'> {
  configs: ConfigStore;
  /** The revision this hub runs a hall on. */
  revisionOf(hallId: string): number;
}

const change = z.object({ path: z.string(), before: z.unknown().optional(), after: z.unknown().optional() });
const editBody = z.object({
  revision: z.number().int().min(0).meta({ description: 'the revision the edit starts from (GET …/config)' }),
  config: z.record(z.string(), z.unknown()).meta({ description: 'the hall’s whole configuration, as in the YAML file (passwords may be left out: each staffer keeps theirs)' }),
  note: z.string().trim().max(200).optional(),
});
const configReply = z.object({ revision: z.number(), config: z.record(z.string(), z.unknown()) });
const auditEntry = z.object({ revision: z.number(), actorId: z.string(), at: z.number(), note: z.string().optional(), changes: z.array(change) });

const editStatus: Record<string, number> = { unknown_hall: 404, invalid_config: 422, revision_moved: 409, hall_id_changed: 422, window_in_use: 409, service_in_use: 409, staff_signed_in: 409 };
const editMessage: Record<string, string> = {
  invalid_config: 'the configuration is not valid: see issues',
  revision_moved: 'someone else edited this hall meanwhile: reload and edit again',
  hall_id_changed: 'a hall’s id never changes',
  window_in_use: 'a window being removed is in use',
  service_in_use: 'a service being removed has tickets waiting',
  staff_signed_in: 'a staffer being removed is signed in',
};

export function adminRoutes(deps: AdminDeps) {
  return (kit: RouteKit): void => {
    const { ctx, route, hallOr404, forbid } = kit;
    const onlyAdmins = (p: Parameters<typeof canAdminister>[0]) => {
      if (!canAdminister(p)) throw forbid('only an admin reads or edits the configuration');
    };

    route({
      method: 'get', path: '/halls/{hallId}/config', tag: 'admin', auth: 'token',
      summary: 'A hall’s configuration as the YAML file holds it, without passwords, and the revision it runs on (admins)',
      params: params.hall,
      responses: { 200: { description: 'revision 0 is the configuration file', schema: configReply } },
      handler: async ({ params: p, principal }) => {
        onlyAdmins(principal);
        const hall = hallOr404(p.hallId);
        return { status: 200, body: { revision: deps.revisionOf(hall.id), config: withoutSecrets(hall.config) } };
      },
    });

    route({
      method: 'post', path: '/halls/{hallId}/config', tag: 'admin', auth: 'token',
      summary: 'Edit a hall’s configuration: validated like the file, refused while the live day uses what it removes, audited, applied in every hub without a restart (admins)',
      params: params.hall, body: editBody,
      responses: {
        200: { description: 'the revision now running and what changed (no change: the same revision)', schema: z.object({ revision: z.number(), changes: z.array(change) }) },
        422: { description: 'invalid_config (with issues) or hall_id_changed: nothing changed', schema: errorSchema },
      },
      handler: async ({ params: p, body, principal }) => {
        onlyAdmins(principal);
        hallOr404(p.hallId);
        const staff = principal as Extract<NonNullable<typeof principal>, { kind: 'staff' }>;
        const r = await editHallConfig({ ...deps, ctx: ctx as EditHallConfigDeps['ctx'] }, { hallId: p.hallId, afterRevision: body.revision, config: body.config, actorId: staff.staffId, ...(body.note ? { note: body.note } : {}) });
        if (!r.ok) {
          const extra = r.reason === 'invalid_config' ? { issues: r.issues } : r.reason === 'revision_moved' ? { current: r.current } : 'detail' in r ? { detail: r.detail } : {};
          throw new HttpError(editStatus[r.reason] ?? 409, r.reason, editMessage[r.reason] ?? r.reason, extra);
        }
        return { status: 200, body: { revision: r.revision, changes: r.changes } };
      },
    });

    route({
      method: 'get', path: '/halls/{hallId}/config/audit', tag: 'admin', auth: 'token',
      summary: 'Every edit of a hall’s configuration, newest first: who, when, before → after (admins)',
      params: params.hall,
      responses: { 200: { description: 'the audit trail', schema: z.object({ items: z.array(auditEntry) }) } },
      handler: async ({ params: p, principal }) => {
        onlyAdmins(principal);
        const hall = hallOr404(p.hallId);
        const items = await deps.configs.history(hall.id);
        return { status: 200, body: { items: items.map(({ hallId: _h, ...e }) => e) } };
      },
    });

    route({
      method: 'get', path: '/config.yaml', tag: 'admin', auth: 'token',
      summary: 'Every hall’s configuration as running now, as the YAML configuration file that seeds a hub (admins); it holds the staff’s passwords as the file does',
      responses: { 200: { description: 'the configuration file', mediaType: 'application/yaml' } },
      handler: async ({ principal }) => {
        onlyAdmins(principal);
        const halls = ctx.halls.all().map((h) => h.config);
        const header = `# 一窗 YiChuang configuration exported ${new Date(ctx.clock()).toISOString()} (revisions: ${ctx.halls.all().map((h) => `${h.id} ${deps.revisionOf(h.id)}`).join(', ')}).\n# It holds the staff's password hashes (and a demo hall's plain passwords): keep it as safe as the file it replaces.\n`;
        return { status: 200, contentType: 'application/yaml; charset=utf-8', filename: 'yichuang-config.yaml', body: header + toYaml({ halls }) };
      },
    });
  };
}
