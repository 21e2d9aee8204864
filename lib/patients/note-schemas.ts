import { z } from "zod";
import { noteKindEnum } from "@/db/schema";

export const noteInputSchema = z
  .object({
    kind: z.enum(noteKindEnum.enumValues),
    body: z.string().trim().min(1, "Write the note before saving.").max(20_000),
    sessionId: z.uuid().nullable().optional(),
  })
  .strict()
  .meta({ id: "NoteInput" });

export const noteSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(noteKindEnum.enumValues),
    body: z.string(),
    authorName: z.string(),
    sessionId: z.uuid().nullable(),
    createdAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: "Note" });
export type Note = z.infer<typeof noteSchema>;
