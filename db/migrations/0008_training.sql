CREATE TABLE "member_department" (
	"municipality_id" text NOT NULL,
	"user_id" text NOT NULL,
	"department_id" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "member_department_municipality_id_user_id_pk" PRIMARY KEY("municipality_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "rules_acknowledgement" (
	"version_id" text NOT NULL,
	"document_id" text NOT NULL,
	"municipality_id" text NOT NULL,
	"user_id" text NOT NULL,
	"acknowledged_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rules_acknowledgement_version_id_user_id_pk" PRIMARY KEY("version_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "training_attendance" (
	"session_id" text NOT NULL,
	"municipality_id" text NOT NULL,
	"user_id" text NOT NULL,
	"attended" boolean NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_attendance_session_id_user_id_pk" PRIMARY KEY("session_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "training_registration" (
	"id" text PRIMARY KEY NOT NULL,
	"session_id" text NOT NULL,
	"municipality_id" text NOT NULL,
	"user_id" text NOT NULL,
	"status" text NOT NULL,
	"source" text NOT NULL,
	"waitlisted_at" timestamp (6) with time zone,
	"created_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_requirement" (
	"topic_id" text NOT NULL,
	"municipality_id" text NOT NULL,
	"role" text NOT NULL,
	CONSTRAINT "training_requirement_topic_id_role_pk" PRIMARY KEY("topic_id","role")
);
--> statement-breakpoint
CREATE TABLE "training_session" (
	"id" text PRIMARY KEY NOT NULL,
	"municipality_id" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"location" text,
	"online_url" text,
	"capacity" integer NOT NULL,
	"trainer_user_id" text NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"open_for_sign_up" boolean DEFAULT true NOT NULL,
	"sequence" integer DEFAULT 0 NOT NULL,
	"notes" text,
	"logged_at" timestamp with time zone,
	"logged_by" text,
	"cancelled_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_session_department" (
	"session_id" text NOT NULL,
	"department_id" text NOT NULL,
	CONSTRAINT "training_session_department_session_id_department_id_pk" PRIMARY KEY("session_id","department_id")
);
--> statement-breakpoint
CREATE TABLE "training_session_role" (
	"session_id" text NOT NULL,
	"role" text NOT NULL,
	CONSTRAINT "training_session_role_session_id_role_pk" PRIMARY KEY("session_id","role")
);
--> statement-breakpoint
CREATE TABLE "training_session_topic" (
	"session_id" text NOT NULL,
	"topic_id" text NOT NULL,
	"planned" boolean DEFAULT true NOT NULL,
	"covered" boolean DEFAULT false NOT NULL,
	CONSTRAINT "training_session_topic_session_id_topic_id_pk" PRIMARY KEY("session_id","topic_id")
);
--> statement-breakpoint
CREATE TABLE "training_setting" (
	"municipality_id" text PRIMARY KEY NOT NULL,
	"coverage_target_percent" integer DEFAULT 80 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_topic" (
	"id" text PRIMARY KEY NOT NULL,
	"municipality_id" text NOT NULL,
	"template_key" text,
	"title" text NOT NULL,
	"description" text,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "attachments" jsonb;--> statement-breakpoint
ALTER TABLE "member_department" ADD CONSTRAINT "member_department_municipality_id_organization_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_department" ADD CONSTRAINT "member_department_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_department" ADD CONSTRAINT "member_department_department_id_department_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."department"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rules_acknowledgement" ADD CONSTRAINT "rules_acknowledgement_version_id_document_version_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."document_version"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rules_acknowledgement" ADD CONSTRAINT "rules_acknowledgement_document_id_document_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."document"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rules_acknowledgement" ADD CONSTRAINT "rules_acknowledgement_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_attendance" ADD CONSTRAINT "training_attendance_session_id_training_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."training_session"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_attendance" ADD CONSTRAINT "training_attendance_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_registration" ADD CONSTRAINT "training_registration_session_id_training_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."training_session"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_registration" ADD CONSTRAINT "training_registration_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_requirement" ADD CONSTRAINT "training_requirement_topic_id_training_topic_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."training_topic"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_session" ADD CONSTRAINT "training_session_municipality_id_organization_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_session" ADD CONSTRAINT "training_session_trainer_user_id_user_id_fk" FOREIGN KEY ("trainer_user_id") REFERENCES "public"."user"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_session" ADD CONSTRAINT "training_session_logged_by_user_id_fk" FOREIGN KEY ("logged_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_session" ADD CONSTRAINT "training_session_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_session_department" ADD CONSTRAINT "training_session_department_session_id_training_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."training_session"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_session_department" ADD CONSTRAINT "training_session_department_department_id_department_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."department"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_session_role" ADD CONSTRAINT "training_session_role_session_id_training_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."training_session"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_session_topic" ADD CONSTRAINT "training_session_topic_session_id_training_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."training_session"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_session_topic" ADD CONSTRAINT "training_session_topic_topic_id_training_topic_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."training_topic"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_setting" ADD CONSTRAINT "training_setting_municipality_id_organization_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_topic" ADD CONSTRAINT "training_topic_municipality_id_organization_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "member_department_department_idx" ON "member_department" USING btree ("department_id");--> statement-breakpoint
CREATE INDEX "rules_acknowledgement_document_idx" ON "rules_acknowledgement" USING btree ("document_id","user_id");--> statement-breakpoint
CREATE INDEX "training_attendance_user_idx" ON "training_attendance" USING btree ("municipality_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "training_registration_session_user_uq" ON "training_registration" USING btree ("session_id","user_id");--> statement-breakpoint
CREATE INDEX "training_registration_user_idx" ON "training_registration" USING btree ("municipality_id","user_id");--> statement-breakpoint
CREATE INDEX "training_requirement_role_idx" ON "training_requirement" USING btree ("municipality_id","role");--> statement-breakpoint
CREATE INDEX "training_session_municipality_idx" ON "training_session" USING btree ("municipality_id","starts_at");--> statement-breakpoint
CREATE INDEX "training_session_trainer_idx" ON "training_session" USING btree ("trainer_user_id","starts_at");--> statement-breakpoint
CREATE INDEX "training_session_topic_topic_idx" ON "training_session_topic" USING btree ("topic_id");--> statement-breakpoint
CREATE UNIQUE INDEX "training_topic_title_uq" ON "training_topic" USING btree ("municipality_id",lower("title")) WHERE "training_topic"."archived_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "training_topic_template_uq" ON "training_topic" USING btree ("municipality_id","template_key");