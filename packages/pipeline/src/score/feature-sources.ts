import { oneHotName } from '@studio/data';
import type { StoredStep } from './pipeline-artifact';

/**
 * The raw column behind each model feature: a one-hot indicator `col=level` and a missing indicator
 * `col_missing` belong to `col`, every other feature to itself. Reason codes add up contributions per source,
 * so an applicant is told about "housing", not about "housing=rent".
 */
export function featureSources(
  steps: readonly Pick<StoredStep, 'fitted'>[],
  features: readonly string[],
): string[] {
  const source = new Map<string, string>();
  const resolve = (name: string) => source.get(name) ?? name;
  for (const { fitted } of steps) {
    if (fitted.kind === 'one-hot')
      for (const c of fitted.columns)
        for (const k of c.categories) source.set(oneHotName(c.name, k), resolve(c.name));
    if (fitted.kind === 'impute')
      for (const c of fitted.columns) if (c.indicator) source.set(`${c.name}_missing`, resolve(c.name));
  }
  return features.map(resolve);
}
