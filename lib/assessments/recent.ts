/** Assessments the patient page shows, and sends, before "Show all": a course's most recent weeks. */
export const RECENT_ASSESSMENTS = 12;
