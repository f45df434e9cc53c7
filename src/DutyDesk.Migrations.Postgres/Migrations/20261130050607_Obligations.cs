using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DutyDesk.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Obligations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_calendar_feed_tokens_UserId",
                table: "calendar_feed_tokens");

            migrationBuilder.AddColumn<Guid>(
                name: "UnitId",
                table: "calendar_feed_tokens",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "resp_obligations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Frequency = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    TimesPerPeriod = table.Column<int>(type: "integer", nullable: false),
                    Weekday = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    DueAfterDays = table.Column<int>(type: "integer", nullable: false),
                    PerLeadershipMember = table.Column<bool>(type: "boolean", nullable: false),
                    Evidence = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReminderDays = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_resp_obligations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_resp_obligations_AspNetUsers_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_resp_obligations_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "resp_obligation_occurrences",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ObligationId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    PeriodKey = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Scheduled = table.Column<DateOnly>(type: "date", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    TaskId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_resp_obligation_occurrences", x => x.Id);
                    table.ForeignKey(
                        name: "FK_resp_obligation_occurrences_due_tasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "due_tasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_resp_obligation_occurrences_resp_obligations_ObligationId",
                        column: x => x.ObligationId,
                        principalTable: "resp_obligations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_calendar_feed_tokens_UnitId",
                table: "calendar_feed_tokens",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_calendar_feed_tokens_UserId_UnitId",
                table: "calendar_feed_tokens",
                columns: new[] { "UserId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_resp_obligation_occurrences_ObligationId_PeriodKey_MemberId",
                table: "resp_obligation_occurrences",
                columns: new[] { "ObligationId", "PeriodKey", "MemberId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_resp_obligation_occurrences_TaskId",
                table: "resp_obligation_occurrences",
                column: "TaskId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_resp_obligation_occurrences_UnitId_Scheduled",
                table: "resp_obligation_occurrences",
                columns: new[] { "UnitId", "Scheduled" });

            migrationBuilder.CreateIndex(
                name: "IX_resp_obligations_OwnerId",
                table: "resp_obligations",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_resp_obligations_UnitId_Active",
                table: "resp_obligations",
                columns: new[] { "UnitId", "Active" });

            migrationBuilder.AddForeignKey(
                name: "FK_calendar_feed_tokens_units_UnitId",
                table: "calendar_feed_tokens",
                column: "UnitId",
                principalTable: "units",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_calendar_feed_tokens_units_UnitId",
                table: "calendar_feed_tokens");

            migrationBuilder.DropTable(
                name: "resp_obligation_occurrences");

            migrationBuilder.DropTable(
                name: "resp_obligations");

            migrationBuilder.DropIndex(
                name: "IX_calendar_feed_tokens_UnitId",
                table: "calendar_feed_tokens");

            migrationBuilder.DropIndex(
                name: "IX_calendar_feed_tokens_UserId_UnitId",
                table: "calendar_feed_tokens");

            migrationBuilder.DropColumn(
                name: "UnitId",
                table: "calendar_feed_tokens");

            migrationBuilder.CreateIndex(
                name: "IX_calendar_feed_tokens_UserId",
                table: "calendar_feed_tokens",
                column: "UserId");
        }
    }
}
