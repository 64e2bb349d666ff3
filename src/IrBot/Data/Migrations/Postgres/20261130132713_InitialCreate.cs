using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace IrBot.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "app_home_viewers",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    last_opened_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_app_home_viewers", x => x.user_id);
                });

            migrationBuilder.CreateTable(
                name: "incidents",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    number = table.Column<int>(type: "integer", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    requested_by = table.Column<string>(type: "text", nullable: false),
                    opened_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    acknowledged_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    closed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    channel_id = table.Column<string>(type: "text", nullable: true),
                    channel_name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    commander_id = table.Column<string>(type: "text", nullable: true),
                    scribe_id = table.Column<string>(type: "text", nullable: true),
                    confluence_page_id = table.Column<string>(type: "text", nullable: true),
                    confluence_page_url = table.Column<string>(type: "text", nullable: true),
                    the_hive_case_id = table.Column<string>(type: "text", nullable: true),
                    the_hive_case_number = table.Column<int>(type: "integer", nullable: true),
                    the_hive_case_url = table.Column<string>(type: "text", nullable: true),
                    request_channel_id = table.Column<string>(type: "text", nullable: true),
                    resolution_status = table.Column<string>(type: "text", nullable: true),
                    impact_status = table.Column<string>(type: "text", nullable: true),
                    summary = table.Column<string>(type: "character varying(3000)", maxLength: 3000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incidents", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "processed_events",
                columns: table => new
                {
                    event_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    event_type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    received_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_processed_events", x => x.event_id);
                });

            migrationBuilder.CreateTable(
                name: "statistics_resets",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    reset_by = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    reset_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_statistics_resets", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "task_reminders",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    subject = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    period_start = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    claimed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_task_reminders", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "work_instances",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    boot_nonce = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    machine = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    started_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    heartbeat_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    stopped_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_work_instances", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "work_items",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kind = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    incident_id = table.Column<int>(type: "integer", nullable: true),
                    payload = table.Column<string>(type: "text", nullable: false),
                    state = table.Column<string>(type: "text", nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    locked_until = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    locked_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    last_error = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    trace_parent = table.Column<string>(type: "character varying(55)", maxLength: 55, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_work_items", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "workflow_set_versions",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    json = table.Column<string>(type: "text", nullable: false),
                    uploaded_by = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    uploaded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    source = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    changes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workflow_set_versions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "membership_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    incident_id = table.Column<int>(type: "integer", nullable: false),
                    user_id = table.Column<string>(type: "text", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    inviter_id = table.Column<string>(type: "text", nullable: true),
                    occurred_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    slack_event_id = table.Column<string>(type: "text", nullable: true),
                    sent_to_sumo_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_membership_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_membership_events_incidents_incident_id",
                        column: x => x.incident_id,
                        principalTable: "incidents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "role_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    incident_id = table.Column<int>(type: "integer", nullable: false),
                    role = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    previous_user_id = table.Column<string>(type: "text", nullable: true),
                    new_user_id = table.Column<string>(type: "text", nullable: false),
                    changed_by = table.Column<string>(type: "text", nullable: false),
                    changed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_role_changes", x => x.id);
                    table.ForeignKey(
                        name: "fk_role_changes_incidents_incident_id",
                        column: x => x.incident_id,
                        principalTable: "incidents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "tasks",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    incident_id = table.Column<int>(type: "integer", nullable: false),
                    short_id = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    title = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    description = table.Column<string>(type: "text", nullable: true),
                    owner_id = table.Column<string>(type: "text", nullable: false),
                    criticality = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    created_by = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    started_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    resolved_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    resolution = table.Column<string>(type: "text", nullable: true),
                    latest_comment = table.Column<string>(type: "text", nullable: true),
                    muted = table.Column<bool>(type: "boolean", nullable: false),
                    jira_key = table.Column<string>(type: "text", nullable: true),
                    jira_url = table.Column<string>(type: "text", nullable: true),
                    dm_channel_id = table.Column<string>(type: "text", nullable: true),
                    dm_message_ts = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tasks", x => x.id);
                    table.ForeignKey(
                        name: "fk_tasks_incidents_incident_id",
                        column: x => x.incident_id,
                        principalTable: "incidents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "timeline_notes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    incident_id = table.Column<int>(type: "integer", nullable: false),
                    author_id = table.Column<string>(type: "text", nullable: false),
                    text = table.Column<string>(type: "text", nullable: false),
                    occurred_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    source_message_ts = table.Column<string>(type: "text", nullable: true),
                    deleted = table.Column<bool>(type: "boolean", nullable: false),
                    published_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_timeline_notes", x => x.id);
                    table.ForeignKey(
                        name: "fk_timeline_notes_incidents_incident_id",
                        column: x => x.incident_id,
                        principalTable: "incidents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "workflow_instances",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    workflow_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    number = table.Column<long>(type: "bigint", nullable: false),
                    set_version_id = table.Column<int>(type: "integer", nullable: false),
                    trigger_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    trigger_channel_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    trigger_channel_name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    trigger_user_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    trigger_ts = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    trigger_text = table.Column<string>(type: "character varying(40000)", maxLength: 40000, nullable: false),
                    current_step = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    step_entry = table.Column<int>(type: "integer", nullable: false),
                    phase = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    next_step = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    failure_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    started_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    acknowledged_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    acknowledged_by = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    resolved_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ended_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workflow_instances", x => x.id);
                    table.ForeignKey(
                        name: "fk_workflow_instances_workflow_set_version_set_version_id",
                        column: x => x.set_version_id,
                        principalTable: "workflow_set_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "workflow_action_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    instance_id = table.Column<long>(type: "bigint", nullable: false),
                    step_entry = table.Column<int>(type: "integer", nullable: false),
                    phase = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    step = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    action = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    claimed_by = table.Column<long>(type: "bigint", nullable: false),
                    claimed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    done_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    channel_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    message_ts = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    text = table.Column<string>(type: "character varying(40000)", maxLength: 40000, nullable: true),
                    incident_id = table.Column<int>(type: "integer", nullable: true),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workflow_action_runs", x => x.id);
                    table.ForeignKey(
                        name: "fk_workflow_action_runs_workflow_instance_instance_id",
                        column: x => x.instance_id,
                        principalTable: "workflow_instances",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "workflow_values",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    instance_id = table.Column<long>(type: "bigint", nullable: false),
                    action = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    value = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    chosen_by = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    set_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workflow_values", x => x.id);
                    table.ForeignKey(
                        name: "fk_workflow_values_workflow_instances_instance_id",
                        column: x => x.instance_id,
                        principalTable: "workflow_instances",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_app_home_viewers_last_opened_at",
                table: "app_home_viewers",
                column: "last_opened_at");

            migrationBuilder.CreateIndex(
                name: "ix_incidents_channel_id",
                table: "incidents",
                column: "channel_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_incidents_number",
                table: "incidents",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_incidents_opened_at",
                table: "incidents",
                column: "opened_at");

            migrationBuilder.CreateIndex(
                name: "ix_incidents_status",
                table: "incidents",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_membership_events_incident_id_user_id_occurred_at",
                table: "membership_events",
                columns: new[] { "incident_id", "user_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_membership_events_slack_event_id",
                table: "membership_events",
                column: "slack_event_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_role_changes_incident_id_changed_at",
                table: "role_changes",
                columns: new[] { "incident_id", "changed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_statistics_resets_reset_at",
                table: "statistics_resets",
                column: "reset_at");

            migrationBuilder.CreateIndex(
                name: "ix_task_reminders_subject_period_start",
                table: "task_reminders",
                columns: new[] { "subject", "period_start" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_tasks_incident_id",
                table: "tasks",
                column: "incident_id");

            migrationBuilder.CreateIndex(
                name: "ix_tasks_short_id",
                table: "tasks",
                column: "short_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_timeline_notes_incident_id_occurred_at",
                table: "timeline_notes",
                columns: new[] { "incident_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_timeline_notes_incident_id_source_message_ts",
                table: "timeline_notes",
                columns: new[] { "incident_id", "source_message_ts" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_work_items_status_next_attempt_at",
                table: "work_items",
                columns: new[] { "status", "next_attempt_at" });

            migrationBuilder.CreateIndex(
                name: "ix_workflow_action_runs_instance_id_step_entry_phase_action",
                table: "workflow_action_runs",
                columns: new[] { "instance_id", "step_entry", "phase", "action" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_workflow_instances_set_version_id",
                table: "workflow_instances",
                column: "set_version_id");

            migrationBuilder.CreateIndex(
                name: "ix_workflow_instances_status",
                table: "workflow_instances",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_workflow_instances_workflow_name_number",
                table: "workflow_instances",
                columns: new[] { "workflow_name", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_workflow_instances_workflow_name_trigger_channel_id_trigger",
                table: "workflow_instances",
                columns: new[] { "workflow_name", "trigger_channel_id", "trigger_ts" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_workflow_set_versions_is_active",
                table: "workflow_set_versions",
                column: "is_active");

            migrationBuilder.CreateIndex(
                name: "ix_workflow_values_instance_id_action_name",
                table: "workflow_values",
                columns: new[] { "instance_id", "action", "name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "app_home_viewers");

            migrationBuilder.DropTable(
                name: "membership_events");

            migrationBuilder.DropTable(
                name: "processed_events");

            migrationBuilder.DropTable(
                name: "role_changes");

            migrationBuilder.DropTable(
                name: "statistics_resets");

            migrationBuilder.DropTable(
                name: "task_reminders");

            migrationBuilder.DropTable(
                name: "tasks");

            migrationBuilder.DropTable(
                name: "timeline_notes");

            migrationBuilder.DropTable(
                name: "work_instances");

            migrationBuilder.DropTable(
                name: "work_items");

            migrationBuilder.DropTable(
                name: "workflow_action_runs");

            migrationBuilder.DropTable(
                name: "workflow_values");

            migrationBuilder.DropTable(
                name: "incidents");

            migrationBuilder.DropTable(
                name: "workflow_instances");

            migrationBuilder.DropTable(
                name: "workflow_set_versions");
        }
    }
}
