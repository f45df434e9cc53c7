using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DutyDesk.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ResponseCases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "op_response_cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Origin = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    SourceNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    DiscoveredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    ProposedLevel = table.Column<string>(type: "TEXT", maxLength: 4, nullable: true),
                    ProposedRule = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Step = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    SensitivePeriod = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    DeadlineFactor = table.Column<double>(type: "REAL", nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    OpenedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    CalmedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    TimelineCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_op_response_cases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_op_response_cases_AspNetUsers_OpenedById",
                        column: x => x.OpenedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_op_response_cases_op_cases_EventId",
                        column: x => x.EventId,
                        principalTable: "op_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_op_response_cases_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "op_case_deadlines",
                columns: table => new
                {
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    TaskId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_op_case_deadlines", x => new { x.CaseId, x.Kind });
                    table.ForeignKey(
                        name: "FK_op_case_deadlines_due_tasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "due_tasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_op_case_deadlines_op_response_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "op_response_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "op_case_levels",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    From = table.Column<string>(type: "TEXT", maxLength: 4, nullable: true),
                    To = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ById = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_op_case_levels", x => x.Id);
                    table.ForeignKey(
                        name: "FK_op_case_levels_AspNetUsers_ById",
                        column: x => x.ById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_op_case_levels_op_response_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "op_response_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "op_case_timeline",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Seq = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ById = table.Column<Guid>(type: "TEXT", nullable: true),
                    Step = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_op_case_timeline", x => x.Id);
                    table.ForeignKey(
                        name: "FK_op_case_timeline_AspNetUsers_ById",
                        column: x => x.ById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_op_case_timeline_op_response_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "op_response_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_op_case_deadlines_TaskId",
                table: "op_case_deadlines",
                column: "TaskId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_op_case_levels_ById",
                table: "op_case_levels",
                column: "ById");

            migrationBuilder.CreateIndex(
                name: "IX_op_case_levels_CaseId_At",
                table: "op_case_levels",
                columns: new[] { "CaseId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_op_case_timeline_ById",
                table: "op_case_timeline",
                column: "ById");

            migrationBuilder.CreateIndex(
                name: "IX_op_case_timeline_CaseId_Seq",
                table: "op_case_timeline",
                columns: new[] { "CaseId", "Seq" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_op_response_cases_EventId",
                table: "op_response_cases",
                column: "EventId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_op_response_cases_OpenedById",
                table: "op_response_cases",
                column: "OpenedById");

            migrationBuilder.CreateIndex(
                name: "IX_op_response_cases_UnitId_Step",
                table: "op_response_cases",
                columns: new[] { "UnitId", "Step" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "op_case_deadlines");

            migrationBuilder.DropTable(
                name: "op_case_levels");

            migrationBuilder.DropTable(
                name: "op_case_timeline");

            migrationBuilder.DropTable(
                name: "op_response_cases");
        }
    }
}
