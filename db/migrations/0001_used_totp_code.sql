CREATE TABLE "used_totp_code" (
	"user_id" text NOT NULL,
	"code" text NOT NULL,
	"used_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "used_totp_code_user_id_code_pk" PRIMARY KEY("user_id","code")
);
