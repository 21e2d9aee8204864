import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { AddRoomForm } from "@/components/registry/add-room-form";
import { ClinicHoursForm } from "@/components/registry/clinic-hours-form";
import { RoomsTable } from "@/components/registry/rooms-table";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requestAddress, requirePage } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { getClinicHours, listRooms } from "@/lib/registry/rooms";

export const metadata: Metadata = { title: "Rooms and hours" };

export default async function RoomsPage(): Promise<React.JSX.Element> {
  const user = await requirePage("/admin/rooms");
  const db = await getDb();
  const actor = { ...user, requestAddress: await requestAddress() };
  const [rooms, hours] = await Promise.all([listRooms(db, actor), getClinicHours(db, actor)]);
  const bookable = rooms.filter((r) => r.active).length;
  return (
    <div className="space-y-4">
      <PageHeader
        title="Rooms and hours"
        description={`${bookable} bookable ${bookable === 1 ? "room or chair" : "rooms and chairs"}${hours.locationName ? ` at ${hours.locationName}` : ""}.`}
      />
      <Card aria-labelledby="hours-title" role="region">
        <CardHeader>
          <CardTitle>
            <h2 id="hours-title" className="text-lg">
              Clinic hours
            </h2>
          </CardTitle>
          <CardDescription>
            When the clinic opens and closes each clinic day, in its time zone ({hours.timeZone}).
          </CardDescription>
        </CardHeader>
        <CardContent>
          <ClinicHoursForm hours={hours} />
        </CardContent>
      </Card>
      <Card aria-labelledby="rooms-title" role="region">
        <CardHeader>
          <CardTitle>
            <h2 id="rooms-title" className="text-lg">
              Rooms and chairs
            </h2>
          </CardTitle>
          <CardDescription>
            Each holds one patient at a time. A deactivated room keeps its history and can no longer
            be booked.
          </CardDescription>
        </CardHeader>
        <CardContent className="space-y-6">
          <RoomsTable rooms={rooms} />
          <section aria-labelledby="add-room-title" className="space-y-3 border-t pt-4">
            <h3 id="add-room-title" className="font-semibold">
              Add a room
            </h3>
            <AddRoomForm />
          </section>
        </CardContent>
      </Card>
    </div>
  );
}
