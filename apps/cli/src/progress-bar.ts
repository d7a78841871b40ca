/** A one-line progress bar on stderr, drawn only when stderr is a terminal (scripts and logs stay clean). */
export class ProgressBar {
  private readonly enabled: boolean;
  private last = -1;

  constructor(
    private readonly label: string,
    stream: NodeJS.WriteStream = process.stderr,
    private readonly out: NodeJS.WriteStream = stream,
  ) {
    this.enabled = stream.isTTY === true;
  }

  /** Shows `fraction` (0..1) done, with an optional note; redraws at most once per whole percent. */
  update(fraction: number, note = ''): void {
    if (!this.enabled) return;
    const percent = Math.floor(Math.min(1, Math.max(0, fraction)) * 100);
    if (percent === this.last && note === '') return;
    this.last = percent;
    const width = 30;
    const filled = Math.round((percent / 100) * width);
    this.out.write(
      `\r${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${percent}% ${note}\x1b[K`,
    );
  }

  /** Ends the bar's line (once; later calls do nothing). */
  done(): void {
    if (this.enabled && this.last >= 0) this.out.write('\n');
    this.last = -1;
  }
}
