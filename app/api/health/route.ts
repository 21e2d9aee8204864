import { NextResponse } from "next/server";
import { sql } from "drizzle-orm";
import { getDatabase } from "@/lib/db";

export async function GET(): Promise<NextResponse> {
  try {
    const { db, engine } = await getDatabase();
    await db.execute(sql`select 1`);
    return NextResponse.json(
      { status: "ok", database: engine },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch (error) {
    console.error("[health] database check failed", error);
    return NextResponse.json(
      { error: { code: "unavailable", message: "The database is not reachable." } },
      { status: 503, headers: { "Cache-Control": "no-store" } },
    );
  }
}
