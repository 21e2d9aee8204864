import { NextResponse } from "next/server";
import { sql } from "drizzle-orm";
import { sqlStatementCount } from "@/db/client";
import { config } from "@/lib/config";
import { getDatabase } from "@/lib/db";

export async function GET(): Promise<NextResponse> {
  try {
    const { db, engine } = await getDatabase();
    await db.execute(sql`select 1`);
    // With KAPSTONE_SQL_STATS=1 (the benchmark's server only), the process's statement count
    // so far, this check's own `select 1` included.
    const stats = config().sqlStats ? { sqlStatements: sqlStatementCount() } : {};
    return NextResponse.json(
      { status: "ok", database: engine, ...stats },
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
