import { OctagonAlert, TriangleAlert } from "lucide-react";
import { Badge } from "@/components/ui/badge";

/** An alert is always text and icon, never colour alone. */
export function AlertLevelBadge({ level }: { level: "warning" | "critical" }): React.JSX.Element {
  return level === "critical" ? (
    <Badge variant="critical">
      <OctagonAlert aria-hidden="true" />
      Critical alert
    </Badge>
  ) : (
    <Badge variant="warning">
      <TriangleAlert aria-hidden="true" />
      Warning
    </Badge>
  );
}
