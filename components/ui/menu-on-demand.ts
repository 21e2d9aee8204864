"use client";

import { useState } from "react";

/**
 * A dropdown menu whose code (Radix menu, positioning, focus handling: about 20 kB compressed)
 * is loaded on first use instead of with every page. Until then the trigger is a plain button
 * that looks the same; pressing it (click, Enter, Space or ArrowDown, as on the real trigger)
 * loads the menu, which mounts already open. Pointing at or focusing the button starts the load
 * early, so the menu is usually there by the time it is pressed.
 */
export function useMenuOnDemand(load: () => Promise<unknown>): {
  wanted: boolean;
  triggerProps: {
    "aria-haspopup": "menu";
    "aria-expanded": false;
    onClick: () => void;
    onKeyDown: (event: React.KeyboardEvent) => void;
    onPointerEnter: () => void;
    onFocus: () => void;
  };
} {
  const [wanted, setWanted] = useState(false);
  const preload = (): void => {
    void load().catch(() => {
      // Offline: pressing the button tries again.
    });
  };
  return {
    wanted,
    triggerProps: {
      "aria-haspopup": "menu",
      "aria-expanded": false,
      onClick: () => setWanted(true),
      onKeyDown: (event) => {
        if (event.key === "ArrowDown") {
          event.preventDefault();
          setWanted(true);
        }
      },
      onPointerEnter: preload,
      onFocus: preload,
    },
  };
}
