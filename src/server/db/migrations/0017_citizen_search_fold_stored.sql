DROP INDEX "citizens_search_trgm_idx";--> statement-breakpoint
ALTER TABLE "citizens" ADD COLUMN "search_fold" text GENERATED ALWAYS AS (danish_search_fold(search_text)) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "citizens_search_trgm_idx" ON "citizens" USING gin ("municipality_id","search_fold" gin_trgm_ops);