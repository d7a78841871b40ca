-- Audit chain (issue #10): each event gets its place in a hash chain and a readable sentence.
ALTER TABLE "AuditEvent" ADD COLUMN "summary" TEXT NOT NULL DEFAULT '';
ALTER TABLE "AuditEvent" ADD COLUMN "seq" INTEGER;
ALTER TABLE "AuditEvent" ADD COLUMN "prevHash" TEXT;
ALTER TABLE "AuditEvent" ADD COLUMN "hash" TEXT;
CREATE UNIQUE INDEX "AuditEvent_seq_key" ON "AuditEvent"("seq");

-- The trail is append-only: a chained row can never change, no row can be deleted. Rows written before the
-- chain (seq NULL) may be sealed once, by the server at start, and nothing else.
CREATE TRIGGER "AuditEvent_no_update" BEFORE UPDATE ON "AuditEvent"
WHEN OLD."seq" IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'AuditEvent is append-only: chained events cannot be changed');
END;
CREATE TRIGGER "AuditEvent_no_delete" BEFORE DELETE ON "AuditEvent"
BEGIN
  SELECT RAISE(ABORT, 'AuditEvent is append-only: events cannot be deleted');
END;

-- Projects: the single-user approval waiver and where an imported project came from.
ALTER TABLE "Project" ADD COLUMN "approvalWaived" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Project" ADD COLUMN "importedBundleHash" TEXT;
ALTER TABLE "Project" ADD COLUMN "importedSignature" TEXT;
ALTER TABLE "Project" ADD COLUMN "importedSigner" TEXT;

-- Runs whose metrics this Studio cannot vouch for (from a modified or foreign bundle).
ALTER TABLE "Run" ADD COLUMN "untrusted" TEXT;

-- CreateTable
CREATE TABLE "ImportedAuditEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "bundleHash" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "at" TEXT NOT NULL,
    "actorName" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "changes" JSONB NOT NULL,
    CONSTRAINT "ImportedAuditEvent_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "ImportedAuditEvent_projectId_seq_idx" ON "ImportedAuditEvent"("projectId", "seq");

-- CreateTable
CREATE TABLE "InstanceKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "publicKey" TEXT NOT NULL,
    "privateKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "DeploymentRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "options" JSONB NOT NULL,
    "graphVersionId" TEXT NOT NULL,
    "graphAuthorId" TEXT NOT NULL,
    "documentHash" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "note" TEXT NOT NULL DEFAULT '',
    "requestedById" TEXT NOT NULL,
    "requestedByName" TEXT NOT NULL,
    "decidedById" TEXT,
    "decidedByName" TEXT,
    "decisionComment" TEXT,
    "decidedAt" DATETIME,
    "deploymentId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DeploymentRequest_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "DeploymentRequest_projectId_createdAt_idx" ON "DeploymentRequest"("projectId", "createdAt");
CREATE INDEX "DeploymentRequest_status_idx" ON "DeploymentRequest"("status");
