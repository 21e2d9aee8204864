import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { ChartPanel } from "@/components/outcomes/chart-panel";
import { ExclusionNote } from "@/components/outcomes/exclusion-note";
import {
  ChangeDistributionChart,
  SessionsToResponseChart,
} from "@/components/outcomes/outcome-charts";
import { BAR_COLOUR, formatMedian, patients } from "@/components/outcomes/outcome-format";
import { OutcomeRateTable } from "@/components/outcomes/outcome-rate-table";
import { OutcomeSummaryTiles } from "@/components/outcomes/outcome-summary-tiles";
import { Card } from "@/components/ui/card";
import { requestAddress, requirePage } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { clinicOutcomes } from "@/lib/outcomes/clinic-outcomes";

export const metadata: Metadata = { title: "Outcomes" };

export default async function OutcomesPage(): Promise<React.JSX.Element> {
  const user = await requirePage("/outcomes");
  const summary = await clinicOutcomes(await getDb(), {
    ...user,
    requestAddress: await requestAddress(),
  });
  const { sessionsToResponse: toResponse } = summary;

  return (
    <>
      <PageHeader
        title="Outcomes"
        description="Response and remission across the clinic, on each patient's primary scale."
      />
      <div className="space-y-6">
        <ExclusionNote summary={summary} />
        {summary.included === 0 ? (
          <Card className="py-0">
            <p className="px-6 py-10 text-center text-sm text-muted-foreground">
              No patient has a baseline and a later score yet.
            </p>
          </Card>
        ) : (
          <>
            <OutcomeSummaryTiles summary={summary} />
            <div className="grid gap-6 xl:grid-cols-5">
              <ChartPanel
                className="xl:col-span-3"
                title="Change from baseline"
                description={`Latest score against baseline, ${patients(summary.included)} (n = ${summary.included}). Each bin includes its upper edge.`}
                legend={[
                  { colour: BAR_COLOUR.highlight, label: "Response: a reduction of 50% or more" },
                  {
                    colour: BAR_COLOUR.plain,
                    label: "No response: less than 50% reduction, or worse",
                  },
                ]}
                rows={summary.changeDistribution}
                rowHeading="Change from baseline"
              >
                <ChangeDistributionChart bins={summary.changeDistribution} n={summary.included} />
              </ChartPanel>
              <ChartPanel
                className="xl:col-span-2"
                title="Dosing sessions to first response"
                description={
                  toResponse.median === null
                    ? "No patient has met response yet (n = 0)."
                    : `Completed dosing sessions before the first score meeting response; median ${formatMedian(toResponse.median)}, n = ${toResponse.n} patients who responded.`
                }
                rows={toResponse.histogram.map((h) => ({
                  label: h.sessions === 1 ? "1 session" : `${h.sessions} sessions`,
                  count: h.count,
                }))}
                rowHeading="Sessions before response"
              >
                <SessionsToResponseChart data={toResponse} />
              </ChartPanel>
            </div>
            <div className="grid items-start gap-6 xl:grid-cols-2">
              <OutcomeRateTable
                title="By protocol"
                groupHeading="Protocol"
                rows={summary.byProtocol}
                overall={summary.overall}
              />
              <OutcomeRateTable
                title="By primary scale"
                groupHeading="Scale"
                rows={summary.byInstrument}
                overall={summary.overall}
              />
            </div>
            <OutcomeRateTable
              title="By diagnosis group (ICD-10 category)"
              groupHeading="Diagnosis group"
              rows={summary.byDiagnosis}
              overall={summary.overall}
            />
          </>
        )}
      </div>
    </>
  );
}
