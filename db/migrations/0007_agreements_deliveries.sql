CREATE TABLE "agreement_comment" (
	"id" text PRIMARY KEY NOT NULL,
	"municipality_id" text NOT NULL,
	"version_id" text NOT NULL,
	"author_user_id" text,
	"author_label" text NOT NULL,
	"body" text NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agreement_dataset" (
	"id" text PRIMARY KEY NOT NULL,
	"municipality_id" text NOT NULL,
	"version_id" text NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agreement_field" (
	"id" text PRIMARY KEY NOT NULL,
	"municipality_id" text NOT NULL,
	"dataset_id" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"type" text NOT NULL,
	"unit" text,
	"required" boolean DEFAULT true NOT NULL,
	"is_key" boolean DEFAULT false NOT NULL,
	"allowed_values" jsonb,
	"min" double precision,
	"max" double precision,
	"kpi_id" text,
	"aggregation" text,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "agreement_field_kpi_aggregation" CHECK (("agreement_field"."kpi_id" is null) = ("agreement_field"."aggregation" is null))
);
--> statement-breakpoint
CREATE TABLE "agreement_push_token" (
	"id" text PRIMARY KEY NOT NULL,
	"municipality_id" text NOT NULL,
	"agreement_id" text NOT NULL,
	"prefix" text NOT NULL,
	"token_sha256" text NOT NULL,
	"label" text,
	"created_by_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "agreement_push_token_token_sha256_unique" UNIQUE("token_sha256")
);
--> statement-breakpoint
CREATE TABLE "agreement_seal" (
	"version_id" text PRIMARY KEY NOT NULL,
	"municipality_id" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"pdf" "bytea",
	"pdf_sha256" text,
	"sealed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agreement_signature" (
	"id" text PRIMARY KEY NOT NULL,
	"municipality_id" text NOT NULL,
	"version_id" text NOT NULL,
	"role" text NOT NULL,
	"user_id" text,
	"signer_name" text NOT NULL,
	"signer_email" text NOT NULL,
	"content_hash" text NOT NULL,
	"ip_address" text,
	"user_agent" text,
	"reauth_method" text NOT NULL,
	"signed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agreement_version" (
	"id" text PRIMARY KEY NOT NULL,
	"municipality_id" text NOT NULL,
	"agreement_id" text NOT NULL,
	"version" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"title" text NOT NULL,
	"frequency" text NOT NULL,
	"deadline_working_days" integer DEFAULT 10 NOT NULL,
	"reminder_working_days_before" integer DEFAULT 5 NOT NULL,
	"grace_working_days" integer DEFAULT 5 NOT NULL,
	"formats" jsonb NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"terms" jsonb NOT NULL,
	"canonical_text" text,
	"content_hash" text,
	"frozen_at" timestamp with time zone,
	"activated_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"end_reason" text,
	"created_by_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agreement_version_frozen_hash" CHECK (("agreement_version"."canonical_text" is null) = ("agreement_version"."content_hash" is null))
);
--> statement-breakpoint
CREATE TABLE "delivery_agreement" (
	"id" text PRIMARY KEY NOT NULL,
	"municipality_id" text NOT NULL,
	"reference" text NOT NULL,
	"department_id" text,
	"external_source_id" text,
	"current_version_id" text,
	"created_by_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "delivery_agreement_one_party" CHECK (("delivery_agreement"."department_id" is null) <> ("delivery_agreement"."external_source_id" is null))
);
--> statement-breakpoint
CREATE TABLE "delivery" (
	"id" text PRIMARY KEY NOT NULL,
	"municipality_id" text NOT NULL,
	"agreement_id" text NOT NULL,
	"version_id" text NOT NULL,
	"dataset_id" text NOT NULL,
	"dataset_key" text NOT NULL,
	"period" text NOT NULL,
	"period_start" date NOT NULL,
	"status" text DEFAULT 'processing' NOT NULL,
	"channel" text NOT NULL,
	"file_name" text,
	"file_size" bigint,
	"file_sha256" text,
	"encoding" text,
	"separator" text,
	"row_count" integer DEFAULT 0 NOT NULL,
	"error_count" integer DEFAULT 0 NOT NULL,
	"errors" jsonb,
	"uploaded_by_user_id" text,
	"push_token_id" text,
	"replaces_delivery_id" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "delivery_expectation" (
	"id" text PRIMARY KEY NOT NULL,
	"municipality_id" text NOT NULL,
	"agreement_id" text NOT NULL,
	"dataset_key" text NOT NULL,
	"period" text NOT NULL,
	"period_start" date NOT NULL,
	"due_on" date NOT NULL,
	"fulfilled_by_delivery_id" text,
	"fulfilled_at" timestamp with time zone,
	"reminded_before_at" timestamp with time zone,
	"reminded_on_due_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "delivery_row" (
	"delivery_id" text NOT NULL,
	"line" integer NOT NULL,
	"data" jsonb NOT NULL,
	CONSTRAINT "delivery_row_delivery_id_line_pk" PRIMARY KEY("delivery_id","line")
);
--> statement-breakpoint
ALTER TABLE "agreement_comment" ADD CONSTRAINT "agreement_comment_municipality_id_organization_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_comment" ADD CONSTRAINT "agreement_comment_version_id_agreement_version_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."agreement_version"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_comment" ADD CONSTRAINT "agreement_comment_author_user_id_user_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_comment" ADD CONSTRAINT "agreement_comment_resolved_by_user_id_user_id_fk" FOREIGN KEY ("resolved_by_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_dataset" ADD CONSTRAINT "agreement_dataset_municipality_id_organization_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_dataset" ADD CONSTRAINT "agreement_dataset_version_id_agreement_version_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."agreement_version"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_field" ADD CONSTRAINT "agreement_field_municipality_id_organization_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_field" ADD CONSTRAINT "agreement_field_dataset_id_agreement_dataset_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."agreement_dataset"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_field" ADD CONSTRAINT "agreement_field_kpi_id_kpi_id_fk" FOREIGN KEY ("kpi_id") REFERENCES "public"."kpi"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_push_token" ADD CONSTRAINT "agreement_push_token_municipality_id_organization_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_push_token" ADD CONSTRAINT "agreement_push_token_agreement_id_delivery_agreement_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."delivery_agreement"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_push_token" ADD CONSTRAINT "agreement_push_token_created_by_user_id_user_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_seal" ADD CONSTRAINT "agreement_seal_version_id_agreement_version_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."agreement_version"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_seal" ADD CONSTRAINT "agreement_seal_municipality_id_organization_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_signature" ADD CONSTRAINT "agreement_signature_municipality_id_organization_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_signature" ADD CONSTRAINT "agreement_signature_version_id_agreement_version_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."agreement_version"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_signature" ADD CONSTRAINT "agreement_signature_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_version" ADD CONSTRAINT "agreement_version_municipality_id_organization_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_version" ADD CONSTRAINT "agreement_version_agreement_id_delivery_agreement_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."delivery_agreement"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_version" ADD CONSTRAINT "agreement_version_created_by_user_id_user_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_agreement" ADD CONSTRAINT "delivery_agreement_municipality_id_organization_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_agreement" ADD CONSTRAINT "delivery_agreement_department_id_department_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."department"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_agreement" ADD CONSTRAINT "delivery_agreement_external_source_id_external_source_id_fk" FOREIGN KEY ("external_source_id") REFERENCES "public"."external_source"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_agreement" ADD CONSTRAINT "delivery_agreement_created_by_user_id_user_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery" ADD CONSTRAINT "delivery_municipality_id_organization_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery" ADD CONSTRAINT "delivery_agreement_id_delivery_agreement_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."delivery_agreement"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery" ADD CONSTRAINT "delivery_version_id_agreement_version_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."agreement_version"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery" ADD CONSTRAINT "delivery_dataset_id_agreement_dataset_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."agreement_dataset"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery" ADD CONSTRAINT "delivery_uploaded_by_user_id_user_id_fk" FOREIGN KEY ("uploaded_by_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery" ADD CONSTRAINT "delivery_push_token_id_agreement_push_token_id_fk" FOREIGN KEY ("push_token_id") REFERENCES "public"."agreement_push_token"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_expectation" ADD CONSTRAINT "delivery_expectation_municipality_id_organization_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_expectation" ADD CONSTRAINT "delivery_expectation_agreement_id_delivery_agreement_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."delivery_agreement"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_expectation" ADD CONSTRAINT "delivery_expectation_fulfilled_by_delivery_id_delivery_id_fk" FOREIGN KEY ("fulfilled_by_delivery_id") REFERENCES "public"."delivery"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_row" ADD CONSTRAINT "delivery_row_delivery_id_delivery_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."delivery"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agreement_comment_version_idx" ON "agreement_comment" USING btree ("version_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_dataset_key_uq" ON "agreement_dataset" USING btree ("version_id","key");--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_dataset_name_uq" ON "agreement_dataset" USING btree ("version_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_field_name_uq" ON "agreement_field" USING btree ("dataset_id",lower("name"));--> statement-breakpoint
CREATE INDEX "agreement_field_kpi_idx" ON "agreement_field" USING btree ("kpi_id");--> statement-breakpoint
CREATE INDEX "agreement_push_token_agreement_idx" ON "agreement_push_token" USING btree ("agreement_id");--> statement-breakpoint
CREATE INDEX "agreement_seal_pdf_sha_idx" ON "agreement_seal" USING btree ("pdf_sha256");--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_signature_role_uq" ON "agreement_signature" USING btree ("version_id","role");--> statement-breakpoint
CREATE INDEX "agreement_signature_user_idx" ON "agreement_signature" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_version_number_uq" ON "agreement_version" USING btree ("agreement_id","version");--> statement-breakpoint
CREATE INDEX "agreement_version_municipality_idx" ON "agreement_version" USING btree ("municipality_id","status");--> statement-breakpoint
CREATE INDEX "agreement_version_hash_idx" ON "agreement_version" USING btree ("content_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "delivery_agreement_reference_uq" ON "delivery_agreement" USING btree ("municipality_id","reference");--> statement-breakpoint
CREATE INDEX "delivery_agreement_department_idx" ON "delivery_agreement" USING btree ("department_id");--> statement-breakpoint
CREATE INDEX "delivery_agreement_idx" ON "delivery" USING btree ("agreement_id","dataset_key","period_start");--> statement-breakpoint
CREATE INDEX "delivery_municipality_idx" ON "delivery" USING btree ("municipality_id","received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "delivery_accepted_uq" ON "delivery" USING btree ("agreement_id","dataset_key","period_start") WHERE "delivery"."status" = 'accepted';--> statement-breakpoint
CREATE UNIQUE INDEX "delivery_expectation_uq" ON "delivery_expectation" USING btree ("agreement_id","dataset_key","period_start");--> statement-breakpoint
CREATE INDEX "delivery_expectation_due_idx" ON "delivery_expectation" USING btree ("municipality_id","due_on");--> statement-breakpoint
-- Signed agreements are immutable: a frozen version's terms, canonical text and hash never change,
-- its datasets and fields cannot be added, changed or removed, and signatures are never changed
-- or removed while their version exists (a cascade from a deleted municipality still works).
CREATE FUNCTION agreement_version_frozen_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.canonical_text IS NOT NULL AND (
       NEW.canonical_text IS DISTINCT FROM OLD.canonical_text OR NEW.content_hash IS DISTINCT FROM OLD.content_hash
    OR NEW.title IS DISTINCT FROM OLD.title OR NEW.frequency IS DISTINCT FROM OLD.frequency
    OR NEW.deadline_working_days IS DISTINCT FROM OLD.deadline_working_days
    OR NEW.reminder_working_days_before IS DISTINCT FROM OLD.reminder_working_days_before
    OR NEW.grace_working_days IS DISTINCT FROM OLD.grace_working_days
    OR NEW.formats IS DISTINCT FROM OLD.formats OR NEW.start_date IS DISTINCT FROM OLD.start_date
    OR NEW.end_date IS DISTINCT FROM OLD.end_date OR NEW.terms IS DISTINCT FROM OLD.terms
    OR NEW.version IS DISTINCT FROM OLD.version OR NEW.agreement_id IS DISTINCT FROM OLD.agreement_id) THEN
    RAISE EXCEPTION 'agreement version % is frozen', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER agreement_version_frozen BEFORE UPDATE ON agreement_version FOR EACH ROW EXECUTE FUNCTION agreement_version_frozen_guard();
--> statement-breakpoint
CREATE FUNCTION agreement_dataset_frozen_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE v text;
BEGIN
  IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM organization WHERE id = OLD.municipality_id) THEN RETURN OLD; END IF;
  v := CASE WHEN TG_OP = 'DELETE' THEN OLD.version_id ELSE NEW.version_id END;
  IF EXISTS (SELECT 1 FROM agreement_version WHERE id = v AND canonical_text IS NOT NULL)
     OR (TG_OP = 'UPDATE' AND EXISTS (SELECT 1 FROM agreement_version WHERE id = OLD.version_id AND canonical_text IS NOT NULL)) THEN
    RAISE EXCEPTION 'agreement version % is frozen', v USING ERRCODE = 'check_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
--> statement-breakpoint
CREATE TRIGGER agreement_dataset_frozen BEFORE INSERT OR UPDATE OR DELETE ON agreement_dataset FOR EACH ROW EXECUTE FUNCTION agreement_dataset_frozen_guard();
--> statement-breakpoint
CREATE FUNCTION agreement_field_frozen_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE d text;
BEGIN
  IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM organization WHERE id = OLD.municipality_id) THEN RETURN OLD; END IF;
  d := CASE WHEN TG_OP = 'DELETE' THEN OLD.dataset_id ELSE NEW.dataset_id END;
  IF EXISTS (SELECT 1 FROM agreement_dataset ds JOIN agreement_version v ON v.id = ds.version_id WHERE ds.id = d AND v.canonical_text IS NOT NULL)
     OR (TG_OP = 'UPDATE' AND EXISTS (SELECT 1 FROM agreement_dataset ds JOIN agreement_version v ON v.id = ds.version_id WHERE ds.id = OLD.dataset_id AND v.canonical_text IS NOT NULL)) THEN
    RAISE EXCEPTION 'agreement dataset % is frozen', d USING ERRCODE = 'check_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
--> statement-breakpoint
CREATE TRIGGER agreement_field_frozen BEFORE INSERT OR UPDATE OR DELETE ON agreement_field FOR EACH ROW EXECUTE FUNCTION agreement_field_frozen_guard();
--> statement-breakpoint
CREATE FUNCTION agreement_signature_immutable_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM organization WHERE id = OLD.municipality_id) THEN RETURN OLD; END IF;
  IF TG_OP = 'UPDATE' OR EXISTS (SELECT 1 FROM agreement_version WHERE id = OLD.version_id) THEN
    RAISE EXCEPTION 'signatures cannot be changed or removed' USING ERRCODE = 'check_violation';
  END IF;
  RETURN OLD;
END $$;
--> statement-breakpoint
CREATE TRIGGER agreement_signature_immutable BEFORE UPDATE OR DELETE ON agreement_signature FOR EACH ROW EXECUTE FUNCTION agreement_signature_immutable_guard();
