-- CreateEnum
CREATE TYPE "ReliabilityGrade" AS ENUM ('A', 'B', 'C', 'D', 'E', 'F');

-- AlterTable
ALTER TABLE "Adjudication" ADD COLUMN     "goldCredibility" INTEGER;

-- AlterTable
ALTER TABLE "Annotation" ADD COLUMN     "credibility" INTEGER;

-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "sideOptions" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "Source" ADD COLUMN     "description" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "side" TEXT;

-- CreateTable
CREATE TABLE "SourceAssessment" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "projectId" UUID NOT NULL,
    "sourceId" UUID NOT NULL,
    "grade" "ReliabilityGrade" NOT NULL,
    "rationale" TEXT NOT NULL,
    "reviewerId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SourceAssessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SourceGrade" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "projectId" UUID NOT NULL,
    "sourceId" UUID NOT NULL,
    "annotatorId" UUID NOT NULL,
    "grade" "ReliabilityGrade" NOT NULL,
    "rationale" TEXT NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SourceGrade_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SourceAssessment_sourceId_createdAt_idx" ON "SourceAssessment"("sourceId", "createdAt");

-- CreateIndex
CREATE INDEX "SourceAssessment_projectId_idx" ON "SourceAssessment"("projectId");

-- CreateIndex
CREATE INDEX "SourceGrade_projectId_annotatorId_idx" ON "SourceGrade"("projectId", "annotatorId");

-- CreateIndex
CREATE UNIQUE INDEX "SourceGrade_sourceId_annotatorId_key" ON "SourceGrade"("sourceId", "annotatorId");

-- AddForeignKey
ALTER TABLE "SourceAssessment" ADD CONSTRAINT "SourceAssessment_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SourceAssessment" ADD CONSTRAINT "SourceAssessment_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SourceAssessment" ADD CONSTRAINT "SourceAssessment_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SourceGrade" ADD CONSTRAINT "SourceGrade_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SourceGrade" ADD CONSTRAINT "SourceGrade_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SourceGrade" ADD CONSTRAINT "SourceGrade_annotatorId_fkey" FOREIGN KEY ("annotatorId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Not declared in schema.prisma: Prisma has no syntax for CHECK constraints,
-- and its drift check does not compare them. lib/domain/sources/grades.ts
-- validates the same range; this is the last line of defence for writes that
-- bypass it.
ALTER TABLE "Annotation" ADD CONSTRAINT "Annotation_credibility_check" CHECK ("credibility" BETWEEN 1 AND 6);

ALTER TABLE "Adjudication" ADD CONSTRAINT "Adjudication_goldCredibility_check" CHECK ("goldCredibility" BETWEEN 1 AND 6);
