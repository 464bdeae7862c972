-- CreateEnum
CREATE TYPE "SuggestionOutcome" AS ENUM ('ACCEPTED', 'EDITED', 'IGNORED');

-- AlterTable
ALTER TABLE "Annotation" ADD COLUMN     "suggestion" "SuggestionOutcome";

-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "assistantEnabled" BOOLEAN NOT NULL DEFAULT true;
