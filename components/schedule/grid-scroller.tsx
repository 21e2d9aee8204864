"use client";

import { useRef } from "react";

const MOVES: Readonly<Record<string, [number, number]>> = {
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
};

function cellAt(root: HTMLElement, col: number, row: number): HTMLElement | null {
  return root.querySelector<HTMLElement>(`[data-slot-cell][data-col="${col}"][data-row="${row}"]`);
}

/**
 * The calendar's scroll area. It scrolls both ways inside the page (the time column and the
 * headers stay put), and gives the booking cells one Tab stop with arrow-key movement, the
 * ARIA grid pattern, instead of hundreds of Tab stops.
 */
export function GridScroller({
  label,
  children,
}: {
  label: string;
  children: React.ReactNode;
}): React.JSX.Element {
  const ref = useRef<HTMLDivElement>(null);

  function onKeyDown(event: React.KeyboardEvent<HTMLDivElement>): void {
    const target = event.target;
    const root = ref.current;
    if (!(target instanceof HTMLElement) || !root || !target.hasAttribute("data-slot-cell")) return;
    const col = Number(target.dataset.col);
    const row = Number(target.dataset.row);
    let next: HTMLElement | null = null;
    const move = MOVES[event.key];
    if (move) next = cellAt(root, col + move[0], row + move[1]);
    else if (event.key === "Home") next = cellAt(root, col, 0);
    else if (event.key === "End") {
      const cells = root.querySelectorAll<HTMLElement>(`[data-slot-cell][data-col="${col}"]`);
      next = cells.item(cells.length - 1);
    }
    if (!next) return;
    event.preventDefault();
    next.focus();
  }

  function onFocus(event: React.FocusEvent<HTMLDivElement>): void {
    const target = event.target;
    if (!(target instanceof HTMLElement) || !target.hasAttribute("data-slot-cell")) return;
    // Roving tab index: the cell last focused is where Tab comes back to.
    ref.current
      ?.querySelectorAll<HTMLElement>('[data-slot-cell][tabindex="0"]')
      .forEach((cell) => cell.setAttribute("tabindex", "-1"));
    target.setAttribute("tabindex", "0");
  }

  return (
    <div
      ref={ref}
      role="region"
      aria-label={label}
      // Focusable so the keyboard can scroll it even where it holds no buttons.
      tabIndex={0}
      onKeyDown={onKeyDown}
      onFocus={onFocus}
      className="relative max-h-[calc(100dvh-13rem)] min-h-[28rem] overflow-auto rounded-xl border bg-card shadow-sm"
    >
      {children}
    </div>
  );
}
