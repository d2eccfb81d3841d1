ALTER TABLE "task" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "task" ADD COLUMN "archived_by_user_id" text;--> statement-breakpoint
ALTER TABLE "task" ADD CONSTRAINT "task_archived_by_user_id_user_id_fk" FOREIGN KEY ("archived_by_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "task_archived_idx" ON "task" USING btree ("board_id") WHERE "task"."archived_at" is not null;