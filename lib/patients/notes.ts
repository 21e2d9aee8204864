import "server-only";
import { desc, eq, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { Db } from "@/db/client";
import { notes, patients, sessions, users } from "@/db/schema";
import { noteInputSchema, type Note } from "@/lib/patients/note-schemas";
import { recordAudit } from "@/lib/audit";
import { authorize, type ActorContext } from "@/lib/auth/authorize";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";

export async function listNotes(db: Db, actor: ActorContext, patientId: string): Promise<Note[]> {
  await authorize(db, actor, "clinical:read", {
    action: "note.list",
    entityType: "patient",
    entityId: patientId,
  });
  const [patient] = await db
    .select({ id: patients.id })
    .from(patients)
    .where(eq(patients.id, patientId));
  if (!patient) {
    await recordAudit(db, {
      actor,
      action: "note.list",
      entityType: "patient",
      entityId: patientId,
      outcome: "failure",
      requestAddress: actor.requestAddress,
      detail: { code: "not_found" },
    });
    throw new AppError("not_found", "No such patient.");
  }
  const list = await loadNotes(db, patientId);
  await recordAudit(db, {
    actor,
    action: "note.list",
    entityType: "patient",
    entityId: patientId,
    patientId,
    outcome: "success",
    requestAddress: actor.requestAddress,
  });
  return list;
}

/** The notes of a patient known to exist, newest first; the caller authorizes and audits. */
export async function loadNotes(db: Db, patientId: string): Promise<Note[]> {
  const rows = await db
    .select({ note: notes, authorName: users.name })
    .from(notes)
    .innerJoin(users, eq(users.id, notes.authorId))
    .where(eq(notes.patientId, patientId))
    .orderBy(desc(notes.createdAt));
  return rows.map(({ note, authorName }) =>
    noteView({ ...note, authorName, createdAt: note.createdAt.toISOString() }),
  );
}

type NoteJson = Omit<Note, "createdAt"> & { createdAt: string };

export function noteView(note: NoteJson): Note {
  return {
    id: note.id,
    kind: note.kind,
    body: note.body,
    authorName: note.authorName,
    sessionId: note.sessionId,
    createdAt: new Date(note.createdAt).toISOString(),
  };
}

/** The notes of a patient, newest first, as a JSON array (see noteView) for a larger read. */
export function notesJson(patientId: SQLWrapper): SQL {
  return sql`(
    select json_agg(json_build_object('id', n.id, 'kind', n.kind, 'body', n.body,
      'authorName', u.name, 'sessionId', n.session_id, 'createdAt', n.created_at)
      order by n.created_at desc)
    from ${notes} as n join ${users} as u on u.id = n.author_id
    where n.patient_id = ${patientId})`;
}

/** Integration, preparation and progress notes are written by psychiatrists (nurses read them). */
export async function writeNote(
  db: Db,
  actor: ActorContext,
  patientId: string,
  rawInput: unknown,
): Promise<{ id: string }> {
  await authorize(db, actor, "notes:write", {
    action: "note.write",
    entityType: "patient",
    entityId: patientId,
    patientId,
  });
  try {
    return await db.transaction(async (tx) => {
      const input = parseInput(noteInputSchema, rawInput);
      const [patient] = await tx
        .select({ id: patients.id })
        .from(patients)
        .where(eq(patients.id, patientId));
      if (!patient) throw new AppError("not_found", "No such patient.");
      if (input.sessionId) {
        const [session] = await tx
          .select({ patientId: sessions.patientId })
          .from(sessions)
          .where(eq(sessions.id, input.sessionId));
        if (session?.patientId !== patientId) {
          throw new AppError("not_found", "No such session for this patient.", [
            { field: "sessionId", message: "not this patient's session" },
          ]);
        }
      }
      const [row] = await tx
        .insert(notes)
        .values({
          patientId,
          sessionId: input.sessionId ?? null,
          kind: input.kind,
          authorId: actor.id,
          body: input.body,
        })
        .returning({ id: notes.id });
      if (!row) throw new AppError("conflict", "The note could not be saved; try again.");
      await recordAudit(tx, {
        actor,
        action: "note.write",
        entityType: "note",
        entityId: row.id,
        patientId,
        outcome: "success",
        requestAddress: actor.requestAddress,
        detail: { kind: input.kind },
      });
      return { id: row.id };
    });
  } catch (error) {
    if (error instanceof AppError) {
      await recordAudit(db, {
        actor,
        action: "note.write",
        entityType: "patient",
        entityId: patientId,
        outcome: "failure",
        requestAddress: actor.requestAddress,
        detail: { code: error.code },
      });
    }
    throw error;
  }
}
