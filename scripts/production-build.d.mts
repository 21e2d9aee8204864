export function productionBuildState(root: string): "missing" | "stale" | "fresh";
