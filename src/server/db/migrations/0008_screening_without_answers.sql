ALTER TABLE "screenings" ALTER COLUMN "answers" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "screenings" ALTER COLUMN "scores" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "screenings" ALTER COLUMN "outcome_key" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "screenings" ALTER COLUMN "colour" DROP NOT NULL;