"use client";

/** The last resort when even the root layout fails: plain HTML, no app styles. */
export default function GlobalError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}): React.JSX.Element {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", margin: "15vh auto", maxWidth: "32rem" }}>
        <h1>Kapstone could not open</h1>
        <p>Nothing you entered was lost. The problem has been logged; try again in a moment.</p>
        {error.digest ? (
          <p>
            Reference for your administrator: <code>{error.digest}</code>
          </p>
        ) : null}
        <button type="button" onClick={reset}>
          Try again
        </button>
      </body>
    </html>
  );
}
