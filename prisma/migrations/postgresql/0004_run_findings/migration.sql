-- Validator findings on runs (issue #14): an open high-severity finding blocks deploying the run.
-- CreateTable
CREATE TABLE "RunFinding" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "authorId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RunFinding_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RunFinding_runId_idx" ON "RunFinding"("runId");

-- CreateIndex
CREATE INDEX "RunFinding_authorId_idx" ON "RunFinding"("authorId");

-- AddForeignKey
ALTER TABLE "RunFinding" ADD CONSTRAINT "RunFinding_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunFinding" ADD CONSTRAINT "RunFinding_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
