/** A tiny trend line of recent scores, drawn server-side: no chart library on the caseload. */
export function Sparkline({
  values,
  max,
  label,
}: {
  values: number[];
  max: number;
  label: string;
}): React.JSX.Element | null {
  if (values.length < 2) return null;
  const width = 72;
  const height = 24;
  const step = width / (values.length - 1);
  const y = (v: number): number => height - 2 - (Math.min(v, max) / max) * (height - 4);
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
  const last = values.at(-1) ?? 0;
  return (
    <svg
      role="img"
      aria-label={label}
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      className="overflow-visible"
    >
      <polyline
        points={points}
        fill="none"
        stroke="var(--chart-1)"
        strokeWidth="1.75"
        strokeLinejoin="round"
      />
      <circle cx={(values.length - 1) * step} cy={y(last)} r="2.25" fill="var(--chart-1)" />
    </svg>
  );
}
