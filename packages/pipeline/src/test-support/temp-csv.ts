/** The repository's one `tempCsv` (packages/test-support). */
export { tempCsv } from '@studio/test-support';

/** A synthetic loan CSV: `income` drives default, `region` is a text column, `extra` columns appended per row. */
export function loansCsv(
  rows: number,
  extra: { header: string; cell: (i: number, bad: boolean) => string }[] = [],
): string {
  const lines = [['income', 'region', 'bad', ...extra.map((e) => e.header)].join(',')];
  let s = 7;
  const rand = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < rows; i++) {
    const income = Math.round(20 + 80 * rand());
    const bad = rand() < 1 / (1 + Math.exp((income - 45) / 12));
    const region = ['north', 'south', 'east'][i % 3]!;
    lines.push([income, region, bad ? 1 : 0, ...extra.map((e) => e.cell(i, bad))].join(','));
  }
  return lines.join('\n') + '\n';
}
