CREATE TABLE "import_chunks" (
	"import_id" integer NOT NULL,
	"n" integer NOT NULL,
	"bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"tail" "bytea" NOT NULL,
	"next_line" integer NOT NULL,
	"result" jsonb NOT NULL,
	"stored_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "import_chunks_import_id_n_pk" PRIMARY KEY("import_id","n")
);
--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "upload" jsonb;--> statement-breakpoint
ALTER TABLE "import_chunks" ADD CONSTRAINT "import_chunks_import_id_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."imports"("id") ON DELETE cascade ON UPDATE no action;