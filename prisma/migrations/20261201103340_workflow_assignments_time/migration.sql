-- AlterTable
ALTER TABLE "DocumentProgress" ADD COLUMN     "reopenAllowedAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "Assignment" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "projectId" UUID NOT NULL,
    "documentId" UUID NOT NULL,
    "annotatorId" UUID NOT NULL,
    "assignedById" UUID,
    "dueOn" DATE,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Assignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AnnotationTime" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "projectId" UUID NOT NULL,
    "documentId" UUID NOT NULL,
    "annotatorId" UUID NOT NULL,
    "activeMs" INTEGER NOT NULL DEFAULT 0,
    "lastReportAt" TIMESTAMPTZ(3),

    CONSTRAINT "AnnotationTime_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Assignment_projectId_annotatorId_idx" ON "Assignment"("projectId", "annotatorId");

-- CreateIndex
CREATE UNIQUE INDEX "Assignment_documentId_annotatorId_key" ON "Assignment"("documentId", "annotatorId");

-- CreateIndex
CREATE INDEX "AnnotationTime_projectId_annotatorId_idx" ON "AnnotationTime"("projectId", "annotatorId");

-- CreateIndex
CREATE UNIQUE INDEX "AnnotationTime_documentId_annotatorId_key" ON "AnnotationTime"("documentId", "annotatorId");

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_annotatorId_fkey" FOREIGN KEY ("annotatorId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_assignedById_fkey" FOREIGN KEY ("assignedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnotationTime" ADD CONSTRAINT "AnnotationTime_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnotationTime" ADD CONSTRAINT "AnnotationTime_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnotationTime" ADD CONSTRAINT "AnnotationTime_annotatorId_fkey" FOREIGN KEY ("annotatorId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Not declared in schema.prisma: Prisma has no syntax for CHECK constraints.
ALTER TABLE "AnnotationTime" ADD CONSTRAINT "AnnotationTime_activeMs_check" CHECK ("activeMs" >= 0);
