CREATE TABLE "focus_area" (
	"id" text PRIMARY KEY NOT NULL,
	"municipality_id" text NOT NULL,
	"key" text,
	"name" text NOT NULL,
	"description" text,
	"iv3" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"chosen" boolean DEFAULT false NOT NULL,
	"position" integer NOT NULL,
	"retired_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scan_answer" (
	"response_id" text NOT NULL,
	"round_id" text NOT NULL,
	"municipality_id" text NOT NULL,
	"dimension_key" text NOT NULL,
	"statement_index" integer NOT NULL,
	"value" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "scan_answer_value_ck" CHECK ("scan_answer"."value" is null or "scan_answer"."value" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "scan_response" (
	"id" text PRIMARY KEY NOT NULL,
	"round_id" text NOT NULL,
	"municipality_id" text NOT NULL,
	"user_id" text NOT NULL,
	"department_id" text,
	"invited_by_user_id" text,
	"invited_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"submitted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "scan_round" (
	"id" text PRIMARY KEY NOT NULL,
	"municipality_id" text NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"instrument" jsonb NOT NULL,
	"due_on" date,
	"created_by_user_id" text,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "strategic_goal" (
	"id" text PRIMARY KEY NOT NULL,
	"municipality_id" text NOT NULL,
	"focus_area_id" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"budget_programme_code" text,
	"budget_programme_name" text,
	"position" integer NOT NULL,
	"retired_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "success_factor" (
	"id" text PRIMARY KEY NOT NULL,
	"municipality_id" text NOT NULL,
	"goal_id" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"position" integer NOT NULL,
	"retired_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "transition_answer" (
	"id" text PRIMARY KEY NOT NULL,
	"municipality_id" text NOT NULL,
	"phase_id" text NOT NULL,
	"question_key" text NOT NULL,
	"answer" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by_user_id" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "focus_area" ADD CONSTRAINT "focus_area_municipality_id_organization_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scan_answer" ADD CONSTRAINT "scan_answer_response_id_scan_response_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."scan_response"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scan_response" ADD CONSTRAINT "scan_response_round_id_scan_round_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."scan_round"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scan_response" ADD CONSTRAINT "scan_response_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scan_response" ADD CONSTRAINT "scan_response_department_id_department_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."department"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scan_response" ADD CONSTRAINT "scan_response_invited_by_user_id_user_id_fk" FOREIGN KEY ("invited_by_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scan_round" ADD CONSTRAINT "scan_round_municipality_id_organization_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scan_round" ADD CONSTRAINT "scan_round_created_by_user_id_user_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategic_goal" ADD CONSTRAINT "strategic_goal_municipality_id_organization_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategic_goal" ADD CONSTRAINT "strategic_goal_focus_area_id_focus_area_id_fk" FOREIGN KEY ("focus_area_id") REFERENCES "public"."focus_area"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "success_factor" ADD CONSTRAINT "success_factor_municipality_id_organization_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "success_factor" ADD CONSTRAINT "success_factor_goal_id_strategic_goal_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."strategic_goal"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transition_answer" ADD CONSTRAINT "transition_answer_municipality_id_organization_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transition_answer" ADD CONSTRAINT "transition_answer_phase_id_phase_id_fk" FOREIGN KEY ("phase_id") REFERENCES "public"."phase"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transition_answer" ADD CONSTRAINT "transition_answer_updated_by_user_id_user_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "focus_area_key_uq" ON "focus_area" USING btree ("municipality_id","key") WHERE "focus_area"."key" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "focus_area_name_uq" ON "focus_area" USING btree ("municipality_id",lower("name")) WHERE "focus_area"."retired_at" is null;--> statement-breakpoint
CREATE INDEX "focus_area_municipality_idx" ON "focus_area" USING btree ("municipality_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "scan_answer_uq" ON "scan_answer" USING btree ("response_id","dimension_key","statement_index");--> statement-breakpoint
CREATE INDEX "scan_answer_round_idx" ON "scan_answer" USING btree ("round_id");--> statement-breakpoint
CREATE UNIQUE INDEX "scan_response_round_user_uq" ON "scan_response" USING btree ("round_id","user_id");--> statement-breakpoint
CREATE INDEX "scan_response_user_idx" ON "scan_response" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "scan_round_name_uq" ON "scan_round" USING btree ("municipality_id",lower("name"));--> statement-breakpoint
CREATE INDEX "scan_round_municipality_idx" ON "scan_round" USING btree ("municipality_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "strategic_goal_title_uq" ON "strategic_goal" USING btree ("focus_area_id",lower("title")) WHERE "strategic_goal"."retired_at" is null;--> statement-breakpoint
CREATE INDEX "strategic_goal_area_idx" ON "strategic_goal" USING btree ("focus_area_id","position");--> statement-breakpoint
CREATE INDEX "strategic_goal_municipality_idx" ON "strategic_goal" USING btree ("municipality_id");--> statement-breakpoint
CREATE UNIQUE INDEX "success_factor_title_uq" ON "success_factor" USING btree ("goal_id",lower("title")) WHERE "success_factor"."retired_at" is null;--> statement-breakpoint
CREATE INDEX "success_factor_goal_idx" ON "success_factor" USING btree ("goal_id","position");--> statement-breakpoint
CREATE INDEX "success_factor_municipality_idx" ON "success_factor" USING btree ("municipality_id");--> statement-breakpoint
CREATE UNIQUE INDEX "transition_answer_uq" ON "transition_answer" USING btree ("phase_id","question_key");