import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import type { OutcomeRate } from "@/lib/outcomes/outcome-summary";
import { countOf, formatChange, formatRate } from "./outcome-format";

/** Response and remission by group; every rate shows its count and n beside it. */
export function OutcomeRateTable({
  title,
  groupHeading,
  rows,
  overall,
}: {
  title: string;
  groupHeading: string;
  rows: OutcomeRate[];
  overall: OutcomeRate | null;
}): React.JSX.Element {
  return (
    <section className="rounded-xl border bg-card text-card-foreground shadow-sm">
      <Table>
        <caption className="caption-top px-4 pt-4 pb-2 text-left text-base font-semibold text-foreground">
          {title}
        </caption>
        <TableHeader>
          <TableRow>
            <TableHead scope="col" className="pl-4">
              {groupHeading}
            </TableHead>
            <TableHead scope="col" className="text-right">
              n
            </TableHead>
            <TableHead scope="col" className="text-right">
              Response
            </TableHead>
            <TableHead scope="col" className="text-right">
              Remission
            </TableHead>
            <TableHead scope="col" className="pr-4 text-right">
              Median change
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <RateRow key={row.key} row={row} />
          ))}
          {overall ? <RateRow row={overall} total /> : null}
        </TableBody>
      </Table>
    </section>
  );
}

function RateRow({ row, total = false }: { row: OutcomeRate; total?: boolean }): React.JSX.Element {
  return (
    <TableRow className={total ? "bg-muted/50 font-medium" : undefined}>
      <TableHead scope="row" className="pl-4 font-normal whitespace-normal">
        <span className={total ? "font-semibold" : undefined}>{row.label}</span>
      </TableHead>
      <TableCell className="tabular text-right">{row.n}</TableCell>
      <TableCell className="tabular text-right">
        <span className="font-medium">{formatRate(row.responseRate)}</span>{" "}
        <span className="text-muted-foreground">({countOf(row.responders, row.n)})</span>
      </TableCell>
      <TableCell className="tabular text-right">
        <span className="font-medium">{formatRate(row.remissionRate)}</span>{" "}
        <span className="text-muted-foreground">({countOf(row.remitters, row.n)})</span>
      </TableCell>
      <TableCell className="tabular pr-4 text-right">{formatChange(row.medianChangePct)}</TableCell>
    </TableRow>
  );
}
