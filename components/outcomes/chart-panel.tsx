import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { cn } from "@/lib/utils";

export type LegendItem = { colour: string; label: string };

/**
 * A chart with its heading, its n, a legend in words and the same numbers as a table (the
 * accessible record of what the chart draws).
 */
export function ChartPanel({
  title,
  description,
  legend,
  rows,
  rowHeading,
  className,
  children,
}: {
  title: string;
  description: React.ReactNode;
  legend?: LegendItem[];
  rows: { label: string; count: number }[];
  rowHeading: string;
  className?: string;
  children: React.ReactNode;
}): React.JSX.Element {
  return (
    <section
      className={cn(
        "flex flex-col gap-3 rounded-xl border bg-card p-5 text-card-foreground shadow-sm",
        className,
      )}
    >
      <div>
        <h2 className="text-base font-semibold">{title}</h2>
        <p className="mt-0.5 text-sm text-muted-foreground">{description}</p>
      </div>
      {children}
      {legend && legend.length > 0 ? (
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted-foreground">
          {legend.map((item) => (
            <li key={item.label} className="flex items-center gap-1.5">
              <span
                aria-hidden="true"
                className="size-3 rounded-sm"
                style={{ backgroundColor: item.colour }}
              />
              {item.label}
            </li>
          ))}
        </ul>
      ) : null}
      <details className="text-sm">
        <summary className="cursor-pointer text-muted-foreground hover:text-foreground">
          Show as a table
        </summary>
        <Table className="mt-2">
          <caption className="sr-only">{title}</caption>
          <TableHeader>
            <TableRow>
              <TableHead scope="col">{rowHeading}</TableHead>
              <TableHead scope="col" className="text-right">
                Patients
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((row) => (
              <TableRow key={row.label}>
                <TableHead scope="row" className="font-normal">
                  {row.label}
                </TableHead>
                <TableCell className="tabular text-right">{row.count}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </details>
    </section>
  );
}
