CREATE TABLE "kpi" (
	"id" text PRIMARY KEY NOT NULL,
	"municipality_id" text NOT NULL,
	"template_code" text,
	"name" text NOT NULL,
	"definition" text,
	"formula" text,
	"unit" text,
	"unit_kind" text DEFAULT 'other' NOT NULL,
	"direction" text,
	"frequency" text,
	"decimals" integer DEFAULT 1 NOT NULL,
	"owner_user_id" text,
	"data_needed" text,
	"source_department_id" text,
	"source_external_source_id" text,
	"share_benchmark" boolean DEFAULT false NOT NULL,
	"benchmark_named" boolean DEFAULT false NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_by_user_id" text,
	"retired_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kpi_source_one" CHECK ("kpi"."source_department_id" is null or "kpi"."source_external_source_id" is null)
);
--> statement-breakpoint
CREATE TABLE "kpi_influence" (
	"from_kpi_id" text NOT NULL,
	"to_kpi_id" text NOT NULL,
	"municipality_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kpi_influence_from_kpi_id_to_kpi_id_pk" PRIMARY KEY("from_kpi_id","to_kpi_id"),
	CONSTRAINT "kpi_influence_not_self" CHECK ("kpi_influence"."from_kpi_id" <> "kpi_influence"."to_kpi_id")
);
--> statement-breakpoint
CREATE TABLE "kpi_success_factor" (
	"kpi_id" text NOT NULL,
	"success_factor_id" text NOT NULL,
	"municipality_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kpi_success_factor_kpi_id_success_factor_id_pk" PRIMARY KEY("kpi_id","success_factor_id")
);
--> statement-breakpoint
CREATE TABLE "kpi_target" (
	"id" text PRIMARY KEY NOT NULL,
	"municipality_id" text NOT NULL,
	"kpi_id" text NOT NULL,
	"year" integer NOT NULL,
	"target" double precision NOT NULL,
	"green_from" double precision,
	"amber_from" double precision,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kpi_template" (
	"code" text PRIMARY KEY NOT NULL,
	"library" text NOT NULL,
	"number" integer,
	"name" text NOT NULL,
	"unit" text NOT NULL,
	"unit_kind" text NOT NULL,
	"source" text NOT NULL,
	"direction" text NOT NULL,
	"frequency" text NOT NULL,
	"focus_area_key" text NOT NULL,
	"iv3" text,
	"status" text DEFAULT 'active' NOT NULL,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "measurement" (
	"id" text PRIMARY KEY NOT NULL,
	"municipality_id" text NOT NULL,
	"kpi_id" text NOT NULL,
	"period" text NOT NULL,
	"period_start" date NOT NULL,
	"value" double precision NOT NULL,
	"source" text NOT NULL,
	"delivery_id" text,
	"reason" text,
	"entered_by_user_id" text,
	"details" jsonb,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "kpi" ADD CONSTRAINT "kpi_municipality_id_organization_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi" ADD CONSTRAINT "kpi_template_code_kpi_template_code_fk" FOREIGN KEY ("template_code") REFERENCES "public"."kpi_template"("code") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi" ADD CONSTRAINT "kpi_owner_user_id_user_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi" ADD CONSTRAINT "kpi_source_department_id_department_id_fk" FOREIGN KEY ("source_department_id") REFERENCES "public"."department"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi" ADD CONSTRAINT "kpi_source_external_source_id_external_source_id_fk" FOREIGN KEY ("source_external_source_id") REFERENCES "public"."external_source"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi" ADD CONSTRAINT "kpi_created_by_user_id_user_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_influence" ADD CONSTRAINT "kpi_influence_from_kpi_id_kpi_id_fk" FOREIGN KEY ("from_kpi_id") REFERENCES "public"."kpi"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_influence" ADD CONSTRAINT "kpi_influence_to_kpi_id_kpi_id_fk" FOREIGN KEY ("to_kpi_id") REFERENCES "public"."kpi"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_influence" ADD CONSTRAINT "kpi_influence_municipality_id_organization_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_success_factor" ADD CONSTRAINT "kpi_success_factor_kpi_id_kpi_id_fk" FOREIGN KEY ("kpi_id") REFERENCES "public"."kpi"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_success_factor" ADD CONSTRAINT "kpi_success_factor_success_factor_id_success_factor_id_fk" FOREIGN KEY ("success_factor_id") REFERENCES "public"."success_factor"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_success_factor" ADD CONSTRAINT "kpi_success_factor_municipality_id_organization_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_target" ADD CONSTRAINT "kpi_target_municipality_id_organization_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_target" ADD CONSTRAINT "kpi_target_kpi_id_kpi_id_fk" FOREIGN KEY ("kpi_id") REFERENCES "public"."kpi"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measurement" ADD CONSTRAINT "measurement_municipality_id_organization_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measurement" ADD CONSTRAINT "measurement_kpi_id_kpi_id_fk" FOREIGN KEY ("kpi_id") REFERENCES "public"."kpi"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measurement" ADD CONSTRAINT "measurement_entered_by_user_id_user_id_fk" FOREIGN KEY ("entered_by_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "kpi_name_uq" ON "kpi" USING btree ("municipality_id",lower("name")) WHERE "kpi"."retired_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "kpi_template_uq" ON "kpi" USING btree ("municipality_id","template_code") WHERE "kpi"."template_code" is not null and "kpi"."retired_at" is null;--> statement-breakpoint
CREATE INDEX "kpi_municipality_idx" ON "kpi" USING btree ("municipality_id","position");--> statement-breakpoint
CREATE INDEX "kpi_benchmark_idx" ON "kpi" USING btree ("template_code") WHERE "kpi"."share_benchmark";--> statement-breakpoint
CREATE INDEX "kpi_influence_to_idx" ON "kpi_influence" USING btree ("to_kpi_id");--> statement-breakpoint
CREATE INDEX "kpi_success_factor_factor_idx" ON "kpi_success_factor" USING btree ("success_factor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "kpi_target_year_uq" ON "kpi_target" USING btree ("kpi_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "measurement_period_uq" ON "measurement" USING btree ("kpi_id","period_start");--> statement-breakpoint
CREATE INDEX "measurement_municipality_idx" ON "measurement" USING btree ("municipality_id","kpi_id");