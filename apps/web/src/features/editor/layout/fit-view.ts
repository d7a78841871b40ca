/**
 * The zoom under which node titles and port names stop being readable (12 px type at 0.6 is ~7 px). Fit never
 * goes below it: a graph too big to fit at this zoom is centred instead, and the minimap shows the rest.
 */
export const READABLE_ZOOM = 0.6;

/** Options of every "fit the graph in view" (on open, the Fit button, F, after a Tidy). */
export const FIT_VIEW_OPTIONS = { padding: 0.15, maxZoom: 1, minZoom: READABLE_ZOOM } as const;
