/** Typed route helpers: components link through these, never through string literals. */
export const paths = {
  home: (): string => "/",
  login: (returnTo?: string): string =>
    returnTo && returnTo !== "/" ? `/login?callbackUrl=${encodeURIComponent(returnTo)}` : "/login",
  patients: (): string => "/patients",
  patient: (id: string): string => `/patients/${id}`,
  monitor: (): string => "/monitor",
  outcomes: (): string => "/outcomes",
  today: (): string => "/today",
  schedule: (): string => "/schedule",
  account: (): string => "/account",
  session: (id: string): string => `/sessions/${id}`,
  remsSummary: (id: string): string => `/sessions/${id}/rems`,
  adminUsers: (): string => "/admin/users",
  adminAudit: (): string => "/admin/audit",
  adminRooms: (): string => "/admin/rooms",
  newPatient: (): string => "/patients/new",
  editPatient: (id: string): string => `/patients/${id}/edit`,
} as const;
