-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "headlineUnit" BOOLEAN NOT NULL DEFAULT true;
