/** The repository's one implementation (packages/test-support), under the names this package's tests use. */
export { sharedDataset, tempCsv } from '@studio/test-support';
