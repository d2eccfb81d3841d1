CREATE TABLE "gate_criterion" (
	"id" text PRIMARY KEY NOT NULL,
	"phase_id" text NOT NULL,
	"municipality_id" text NOT NULL,
	"template_key" text,
	"label" text,
	"computed_key" text,
	"checked" boolean DEFAULT false NOT NULL,
	"checked_by_user_id" text,
	"checked_at" timestamp with time zone,
	"position" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "phase" (
	"id" text PRIMARY KEY NOT NULL,
	"programme_id" text NOT NULL,
	"municipality_id" text NOT NULL,
	"number" integer NOT NULL,
	"status" text DEFAULT 'not_started' NOT NULL,
	"planned_start" date,
	"planned_end" date,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"owner_user_id" text
);
--> statement-breakpoint
CREATE TABLE "programme" (
	"id" text PRIMARY KEY NOT NULL,
	"municipality_id" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programme_municipality_id_unique" UNIQUE("municipality_id")
);
--> statement-breakpoint
ALTER TABLE "gate_criterion" ADD CONSTRAINT "gate_criterion_phase_id_phase_id_fk" FOREIGN KEY ("phase_id") REFERENCES "public"."phase"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phase" ADD CONSTRAINT "phase_programme_id_programme_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programme"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phase" ADD CONSTRAINT "phase_owner_user_id_user_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme" ADD CONSTRAINT "programme_municipality_id_organization_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "gate_criterion_phase_idx" ON "gate_criterion" USING btree ("phase_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "phase_programme_number_uq" ON "phase" USING btree ("programme_id","number");--> statement-breakpoint
CREATE INDEX "phase_municipality_idx" ON "phase" USING btree ("municipality_id");