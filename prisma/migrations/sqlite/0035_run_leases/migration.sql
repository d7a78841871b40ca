-- Runs as jobs (issue #11): the worker that owns a running run holds a lease it renews by heartbeat; an expired
-- lease is retried (attempt < maxAttempts) or interrupted. Cancel is a flag any replica can set.
-- AlterTable
ALTER TABLE "Run" ADD COLUMN "attempt" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Run" ADD COLUMN "maxAttempts" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "Run" ADD COLUMN "leaseOwner" TEXT;
ALTER TABLE "Run" ADD COLUMN "leaseExpiresAt" DATETIME;
ALTER TABLE "Run" ADD COLUMN "cancelRequested" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "JobWorker" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "concurrency" INTEGER NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "seenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "Run_status_leaseExpiresAt_idx" ON "Run"("status", "leaseExpiresAt");

-- CreateIndex
CREATE INDEX "JobWorker_seenAt_idx" ON "JobWorker"("seenAt");
