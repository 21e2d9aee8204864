/**
 * Stands in for a form while its code loads on first open (usually a blink: the load starts
 * when the button is pointed at or focused). Screen readers hear what is coming.
 */
export function FormLoading({ label }: { label: string }): React.JSX.Element {
  return (
    <div
      role="status"
      aria-label={label}
      className="h-32 w-full animate-pulse rounded-md bg-muted motion-reduce:animate-none"
    />
  );
}
