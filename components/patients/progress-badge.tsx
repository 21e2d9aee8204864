import { Badge } from "@/components/ui/badge";

/** Response and remission as CLINICAL.md defines them, in words (never colour alone). */
export function ProgressBadge({
  response,
  remission,
}: {
  response: boolean;
  remission: boolean | null;
}): React.JSX.Element {
  if (remission) return <Badge variant="success">Remission</Badge>;
  if (response) return <Badge variant="success">Response</Badge>;
  return <Badge variant="outline">No response yet</Badge>;
}

export function formatChange(percent: number | null): string {
  if (percent === null) return "—";
  const rounded = Math.round(percent);
  return `${rounded > 0 ? "+" : rounded < 0 ? "−" : ""}${Math.abs(rounded)} %`;
}
