export { buildApp, DEFAULT_MAX_UPLOAD_BYTES, type AppOptions } from './app';
export { start, repoRoot, type StartOptions } from './start';
export { migrate, type MigrateResult } from './db/migrator';
export { defaultDatabaseUrl, parseDatabaseUrl, redact, type DatabaseTarget } from './db/database-target';
export { seedDemo, DEMO_PROJECT_NAME } from './seed/seed';
export { LOCAL_ACTOR } from './plugins/local-actor';
export { BundleScorer, type ScoredCsvRow } from './bundles/bundle-scorer';
export { verifyAuditChain } from './audit/audit-log';
