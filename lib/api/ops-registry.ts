/**
 * JSON API of the registry (merged into `ops` in lib/api/operations.ts): registering patients and
 * correcting their demographics, the clinic's rooms and its opening hours. The use cases in
 * lib/registry parse with these same schemas.
 */
import { z } from "zod";
import type { Operation } from "@/lib/api/operations";
import {
  demographicsPatchSchema,
  demographicsUpdatedSchema,
  patientRegisteredSchema,
  registrationBodySchema,
} from "@/lib/registry/registration-schemas";
import {
  clinicHoursInputSchema,
  clinicHoursQuerySchema,
  clinicHoursSchema,
  roomInputSchema,
  roomListQuerySchema,
  roomListSchema,
  roomPatchSchema,
  roomSchema,
  roomUpdatedSchema,
} from "@/lib/registry/room-schemas";

const idParams = z.object({ id: z.uuid() });

export const registryOps = {
  registerPatient: {
    operationId: "registerPatient",
    method: "POST",
    path: "/api/v1/patients",
    summary:
      "Register a patient at intake (MRN generated when omitted). A patient with the same name and date of birth answers 409 with the existing MRN unless confirmDuplicate is true",
    access: "patients:write",
    body: registrationBodySchema,
    response: patientRegisteredSchema,
    successStatus: 201,
    tags: ["patients"],
  },
  updatePatientDemographics: {
    operationId: "updatePatientDemographics",
    method: "PATCH",
    path: "/api/v1/patients/{id}",
    summary:
      "Correct a patient's demographics (any registration field; null clears an optional one). Audited with the changed field names",
    access: "patients:write",
    params: idParams,
    body: demographicsPatchSchema,
    response: demographicsUpdatedSchema,
    tags: ["patients"],
  },
  listRooms: {
    operationId: "listRooms",
    method: "GET",
    path: "/api/v1/rooms",
    summary: "Rooms and chairs, bookable ones first; filter with active=true|false",
    access: "schedule:read",
    // Rooms and opening hours: no patient data, read on every calendar view.
    audited: false,
    query: roomListQuerySchema,
    response: roomListSchema,
    tags: ["rooms"],
  },
  createRoom: {
    operationId: "createRoom",
    method: "POST",
    path: "/api/v1/rooms",
    summary: "Add a room or chair (name unique at its location)",
    access: "schedule:manage",
    body: roomInputSchema,
    response: roomSchema,
    successStatus: 201,
    tags: ["rooms"],
  },
  updateRoom: {
    operationId: "updateRoom",
    method: "PATCH",
    path: "/api/v1/rooms/{id}",
    summary:
      "Rename a room, change its kind or (de)activate it; answers the sessions still booked in it",
    access: "schedule:manage",
    params: idParams,
    body: roomPatchSchema,
    response: roomUpdatedSchema,
    tags: ["rooms"],
  },
  getClinicHours: {
    operationId: "getClinicHours",
    method: "GET",
    path: "/api/v1/clinic/hours",
    summary: "The clinic's daily opening and closing time (HH:MM, clinic time zone)",
    access: "schedule:read",
    // Rooms and opening hours: no patient data, read on every calendar view.
    audited: false,
    query: clinicHoursQuerySchema,
    response: clinicHoursSchema,
    tags: ["rooms"],
  },
  updateClinicHours: {
    operationId: "updateClinicHours",
    method: "PUT",
    path: "/api/v1/clinic/hours",
    summary: "Set the clinic's daily opening and closing time (opening before closing)",
    access: "schedule:manage",
    body: clinicHoursInputSchema,
    response: clinicHoursSchema,
    tags: ["rooms"],
  },
} as const satisfies Record<string, Operation>;
