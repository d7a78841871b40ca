-- Audit chain (issue #10): each event gets its place in a hash chain and a readable sentence.
ALTER TABLE "AuditEvent" ADD COLUMN "summary" TEXT NOT NULL DEFAULT '',
ADD COLUMN "seq" INTEGER,
ADD COLUMN "prevHash" TEXT,
ADD COLUMN "hash" TEXT;
CREATE UNIQUE INDEX "AuditEvent_seq_key" ON "AuditEvent"("seq");

-- The trail is append-only: a chained row can never change, no row can be deleted. Rows written before the
-- chain (seq NULL) may be sealed once, by the server at start, and nothing else.
CREATE FUNCTION "audit_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD."seq" IS NULL THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'AuditEvent is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER "AuditEvent_append_only" BEFORE UPDATE OR DELETE ON "AuditEvent"
FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"();

-- Projects: the single-user approval waiver and where an imported project came from.
ALTER TABLE "Project" ADD COLUMN "approvalWaived" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "importedBundleHash" TEXT,
ADD COLUMN "importedSignature" TEXT,
ADD COLUMN "importedSigner" TEXT;

-- Runs whose metrics this Studio cannot vouch for (from a modified or foreign bundle).
ALTER TABLE "Run" ADD COLUMN "untrusted" TEXT;

-- CreateTable
CREATE TABLE "ImportedAuditEvent" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "bundleHash" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "at" TEXT NOT NULL,
    "actorName" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "changes" JSONB NOT NULL,

    CONSTRAINT "ImportedAuditEvent_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "ImportedAuditEvent_projectId_seq_idx" ON "ImportedAuditEvent"("projectId", "seq");
ALTER TABLE "ImportedAuditEvent" ADD CONSTRAINT "ImportedAuditEvent_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateTable
CREATE TABLE "InstanceKey" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "publicKey" TEXT NOT NULL,
    "privateKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InstanceKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeploymentRequest" (
    "id" TEXT NOT NULL,
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
    "decidedAt" TIMESTAMP(3),
    "deploymentId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeploymentRequest_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "DeploymentRequest_projectId_createdAt_idx" ON "DeploymentRequest"("projectId", "createdAt");
CREATE INDEX "DeploymentRequest_status_idx" ON "DeploymentRequest"("status");
ALTER TABLE "DeploymentRequest" ADD CONSTRAINT "DeploymentRequest_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
