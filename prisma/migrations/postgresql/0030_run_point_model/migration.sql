-- Learning-curve points name their model (issue #12: one curve per model in a champion-challenger run).
-- AlterTable
ALTER TABLE "RunPoint" ADD COLUMN     "modelKind" TEXT,
ADD COLUMN     "nodeId" TEXT;
