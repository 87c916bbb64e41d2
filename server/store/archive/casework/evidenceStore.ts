/**
 * Evidence photos: the bytes in a file under the evidence folder (data/evidence by default,
 * <hall>/<yyyy-mm>/<id>.<ext>), the row in SQL with type, size, SHA-256 and what it belongs to.
 * A photo is uploaded first and attached once to the record it proves (an inspection, a complaint,
 * a commendation); it is never replaced or deleted through the API.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Transaction } from 'kysely';
import type { ArchiveDb } from '../database.js';
import type { ArchiveTables } from '../tables.js';
import type { SubjectKind } from './log.js';

export const imageTypes = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type ImageType = (typeof imageTypes)[number];
const extensions: Record<ImageType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/** The image type the bytes really are (their magic numbers), whatever the request said. */
export function sniffImageType(b: Uint8Array): ImageType | undefined {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((v, i) => b[i] === v)) return 'image/png';
  if (b.length >= 12 && String.fromCharCode(...b.subarray(0, 4)) === 'RIFF' && String.fromCharCode(...b.subarray(8, 12)) === 'WEBP') return 'image/webp';
  return undefined;
}

export interface Evidence {
  evidenceId: string;
  hallId: string;
  mediaType: ImageType;
  bytes: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: number;
  subject?: { kind: SubjectKind; id: string };
}

type Row = ArchiveTables['evidence_files'];
const fromRow = (r: Row): Evidence => ({
  evidenceId: r.evidence_id, hallId: r.hall_id, mediaType: r.media_type as ImageType, bytes: Number(r.bytes), sha256: r.sha256,
  uploadedBy: r.uploaded_by, uploadedAt: r.uploaded_at, ...(r.subject_kind && r.subject_id ? { subject: { kind: r.subject_kind as SubjectKind, id: r.subject_id } } : {}),
});

export class EvidenceStore {
  readonly dir: string;
  constructor(
    private readonly db: ArchiveDb,
    dir: string,
  ) {
    this.dir = resolve(dir);
  }

  /** Keep a photo; the caller checked its type and size against the hall's limits. */
  async save(hallId: string, bytes: Uint8Array, mediaType: ImageType, uploadedBy: string, at: number): Promise<Evidence> {
    const evidenceId = `ev-${randomBytes(10).toString('hex')}`;
    const month = new Date(at).toISOString().slice(0, 7);
    const file = join(hallId, month, `${evidenceId}.${extensions[mediaType]}`);
    const path = join(this.dir, file);
    await mkdir(dirname(path), { recursive: true });
    // Written whole, then named: a crash never leaves half a photo under its name.
    await writeFile(`${path}.part`, bytes);
    await rename(`${path}.part`, path);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await this.db.insertInto('evidence_files').values({
      evidence_id: evidenceId, hall_id: hallId, media_type: mediaType, bytes: bytes.length, sha256, file, uploaded_by: uploadedBy, uploaded_at: at, subject_kind: null, subject_id: null,
    }).execute();
    return { evidenceId, hallId, mediaType, bytes: bytes.length, sha256, uploadedBy, uploadedAt: at };
  }

  async get(evidenceId: string): Promise<Evidence | undefined> {
    const r = await this.db.selectFrom('evidence_files').selectAll().where('evidence_id', '=', evidenceId).executeTakeFirst();
    return r ? fromRow(r) : undefined;
  }

  async read(evidenceId: string): Promise<{ evidence: Evidence; bytes: Buffer } | undefined> {
    const r = await this.db.selectFrom('evidence_files').selectAll().where('evidence_id', '=', evidenceId).executeTakeFirst();
    if (!r) return undefined;
    return { evidence: fromRow(r), bytes: await readFile(join(this.dir, r.file)) };
  }
}

/**
 * Attach uploaded photos to the record they prove, inside the record's transaction: each must be
 * the hall's, uploaded by the same person and not yet attached. False (the caller rolls back) when any is not.
 */
export async function attachEvidence(trx: Transaction<ArchiveTables>, hallId: string, ids: readonly string[], uploadedBy: string, subject: { kind: SubjectKind; id: string }): Promise<boolean> {
  if (ids.length === 0) return true;
  const r = await trx
    .updateTable('evidence_files')
    .set({ subject_kind: subject.kind, subject_id: subject.id })
    .where('evidence_id', 'in', [...ids])
    .where('hall_id', '=', hallId)
    .where('uploaded_by', '=', uploadedBy)
    .where('subject_id', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === new Set(ids).size;
}

/** Thrown inside a record's transaction to roll it back when its evidence cannot be attached. */
export class EvidenceRefused extends Error {
  constructor() {
    super('evidence refused');
  }
}
