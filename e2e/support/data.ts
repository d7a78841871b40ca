import { resolve } from 'node:path';

/** A CSV of the machine's shared datasets folder (`/work/shared/datasets`, beside the repository). */
export function sharedDataset(name: string): string {
  return resolve(import.meta.dirname, '..', '..', '..', 'shared', 'datasets', name);
}

/** The German credit CSV (1,000 rows). */
export const germanCreditCsv = sharedDataset('german_credit.csv');

/** The Taiwan credit-card default CSV (30,000 rows), used by the training spec. */
export const taiwanCsv = sharedDataset('taiwan_default.csv');
