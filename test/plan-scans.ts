/**
 * Reads PostgreSQL's EXPLAIN (FORMAT JSON) output and finds the places where a query reads a
 * whole large table instead of going to the rows it needs through an index.
 */

/** One node of an EXPLAIN (FORMAT JSON) plan; only the fields read here are typed. */
export type PlanNode = {
  "Node Type": string;
  "Parent Relationship"?: string;
  "Relation Name"?: string;
  Alias?: string;
  "Index Name"?: string;
  "Index Cond"?: string;
  "Recheck Cond"?: string;
  Filter?: string;
  Strategy?: string;
  "Subplan Name"?: string;
  Plans?: PlanNode[];
};

export type FullScan = {
  table: string;
  /** `Seq Scan on vitals`, `Index Scan using audit_events_pkey on audit_events (no condition)`. */
  node: string;
  filter: string | null;
};

/**
 * Nodes that read all of their input before returning a row: a LIMIT above them does not stop
 * the scan below them early.
 */
function consumesAllInput(node: PlanNode): boolean {
  switch (node["Node Type"]) {
    case "Sort":
    case "Hash":
    case "Materialize":
    case "WindowAgg":
    case "SetOp":
      return true;
    case "Aggregate":
      // A sorted (grouped) aggregate streams group by group; plain and hashed ones do not.
      return node.Strategy !== "Sorted";
    default:
      return false;
  }
}

/** Index name → its first key column (indexes led by an expression are left out). */
export type LeadingColumns = ReadonlyMap<string, string>;

/** The names of indexes with a WHERE predicate. */
export type PartialIndexes = ReadonlySet<string>;

/**
 * Does the scan walk the whole index? It does without an Index Cond, and also when the
 * condition only constrains later key columns: a B-tree is then read from end to end (PostgreSQL
 * 15 has no skip scan), checking each entry — a Seq Scan in all but name.
 */
function wholeIndex(node: PlanNode, leading: LeadingColumns, partial: PartialIndexes): boolean {
  // A partial index holds only the rows its predicate names: reading all of it reads just them.
  if (node["Index Name"] && partial.has(node["Index Name"])) return false;
  const cond = node["Index Cond"];
  if (!cond) return true;
  const column = node["Index Name"] ? leading.get(node["Index Name"]) : undefined;
  // In an Index Cond the indexed column is always on the left: `(patient_id = $1)`.
  return column !== undefined && !cond.includes(`(${column} `);
}

/** A bitmap that marks every page: one of its index scans (alone or OR-ed) reads it all. */
function wholeBitmap(node: PlanNode, leading: LeadingColumns, partial: PartialIndexes): boolean {
  switch (node["Node Type"]) {
    case "Bitmap Index Scan":
      return wholeIndex(node, leading, partial);
    case "BitmapOr":
      return (node.Plans ?? []).some((child) => wholeBitmap(child, leading, partial));
    case "BitmapAnd":
      return (node.Plans ?? []).every((child) => wholeBitmap(child, leading, partial));
    default:
      return false;
  }
}

function describe(node: PlanNode, table: string): string {
  const index = node["Index Name"] ? ` using ${node["Index Name"]}` : "";
  const alias = node.Alias && node.Alias !== table ? ` ${node.Alias}` : "";
  return `${node["Node Type"]}${index} on ${table}${alias}`;
}

/**
 * The scans of `largeTables` that read the whole table:
 * - every Seq Scan;
 * - an index scan that walks the entire index (no condition on its first column) — what the
 *   planner picks instead of a Seq Scan when sequential scans are switched off and some index
 *   merely supplies an order or a later column — unless a LIMIT stops it early (an ordered first page). A LIMIT does not help
 *   when something between it and the scan reads all its input first (a sort, a hash), nor
 *   inside a subplan or on the inner side of a nested loop, which run again for every row;
 * - a bitmap heap scan whose bitmap covers the whole index (a bitmap is always built in full).
 * A partial index is never "whole": it holds only the rows its predicate names.
 */
export function fullScans(
  plan: PlanNode,
  largeTables: ReadonlySet<string>,
  leading: LeadingColumns,
  partial: PartialIndexes = new Set(),
): FullScan[] {
  const found: FullScan[] = [];
  const visit = (node: PlanNode, stoppedEarly: boolean): void => {
    const table = node["Relation Name"];
    if (table && largeTables.has(table)) {
      const type = node["Node Type"];
      const bitmap = type === "Bitmap Heap Scan";
      const whole =
        ((type === "Index Scan" || type === "Index Only Scan") &&
          wholeIndex(node, leading, partial)) ||
        (bitmap && (node.Plans ?? []).some((child) => wholeBitmap(child, leading, partial)));
      if (type === "Seq Scan" || (whole && (bitmap || !stoppedEarly))) {
        found.push({
          table,
          node: describe(node, table) + (whole ? " (the whole index)" : ""),
          filter: node.Filter ?? null,
        });
      }
    }
    const limited = node["Node Type"] === "Limit" || (stoppedEarly && !consumesAllInput(node));
    for (const child of node.Plans ?? []) {
      const relation = child["Parent Relationship"];
      const rerun =
        relation === "SubPlan" ||
        relation === "InitPlan" ||
        (relation === "Inner" && node["Node Type"] === "Nested Loop");
      visit(child, limited && !rerun);
    }
  };
  visit(plan, false);
  return found;
}
