/** Series colours in order: distinct for colour-blind readers (blue, orange, green, purple, red), as the port colours. */
export const SERIES_COLORS = ['#2f6fde', '#d9730d', '#2f855a', '#8250df', '#c8372d'] as const;

/** The colour of series `i`, cycling when there are more series than colours. */
export function seriesColor(i: number): string {
  return SERIES_COLORS[i % SERIES_COLORS.length] as string;
}

/** Grey for reference lines (the diagonal of a ROC or calibration chart). */
export const REFERENCE_COLOR = '#9aa1ad';
