CREATE TABLE "channel_pace" (
	"workspace_id" text NOT NULL,
	"key" text NOT NULL,
	"tat" timestamp with time zone,
	"paused_until" timestamp with time zone,
	"sent_tat" timestamp with time zone,
	"booked_until" timestamp with time zone,
	CONSTRAINT "channel_pace_workspace_id_key_pk" PRIMARY KEY("workspace_id","key")
);
--> statement-breakpoint
CREATE TABLE "channel_pace_holds" (
	"workspace_id" text NOT NULL,
	"holder" text NOT NULL,
	"key" text NOT NULL,
	"slot_at" timestamp with time zone NOT NULL,
	CONSTRAINT "channel_pace_holds_workspace_id_holder_pk" PRIMARY KEY("workspace_id","holder")
);
--> statement-breakpoint
ALTER TABLE "channel_pace" ADD CONSTRAINT "channel_pace_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_pace_holds" ADD CONSTRAINT "channel_pace_holds_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "channel_pace_holds_key_idx" ON "channel_pace_holds" USING btree ("workspace_id","key");