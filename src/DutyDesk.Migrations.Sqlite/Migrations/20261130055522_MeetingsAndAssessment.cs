using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DutyDesk.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MeetingsAndAssessment : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "meetings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    StartsAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Location = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Agenda = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Minutes = table.Column<string>(type: "TEXT", maxLength: 50000, nullable: true),
                    SatisfiedTaskId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_meetings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_meetings_due_tasks_SatisfiedTaskId",
                        column: x => x.SatisfiedTaskId,
                        principalTable: "due_tasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_meetings_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "unit_assessments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ComputedScore = table.Column<decimal>(type: "TEXT", precision: 5, scale: 1, nullable: false),
                    LinesJson = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    FormulaText = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ComputedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FinalScore = table.Column<decimal>(type: "TEXT", precision: 5, scale: 1, nullable: false),
                    Measure = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    ConfirmedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ConfirmedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_unit_assessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_unit_assessments_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "meeting_attachments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AddedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AddedBy = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_meeting_attachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_meeting_attachments_meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_meeting_attachments_stored_files_FileId",
                        column: x => x.FileId,
                        principalTable: "stored_files",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "meeting_attendees",
                columns: table => new
                {
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_meeting_attendees", x => new { x.MeetingId, x.UserId });
                    table.ForeignKey(
                        name: "FK_meeting_attendees_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_meeting_attendees_meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "meeting_decisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Adopted = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_meeting_decisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_meeting_decisions_meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "assessment_adjustments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AssessmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Points = table.Column<decimal>(type: "TEXT", precision: 5, scale: 1, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    By = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_assessment_adjustments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_assessment_adjustments_unit_assessments_AssessmentId",
                        column: x => x.AssessmentId,
                        principalTable: "unit_assessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "accountability_records",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Circumstance = table.Column<int>(type: "INTEGER", nullable: false),
                    Facts = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Responsibility = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    DecisionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accountability_records", x => x.Id);
                    table.ForeignKey(
                        name: "FK_accountability_records_AspNetUsers_PersonId",
                        column: x => x.PersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_accountability_records_meeting_decisions_DecisionId",
                        column: x => x.DecisionId,
                        principalTable: "meeting_decisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_accountability_records_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "decision_positions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DecisionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Stance = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_decision_positions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_decision_positions_AspNetUsers_MemberId",
                        column: x => x.MemberId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_decision_positions_meeting_decisions_DecisionId",
                        column: x => x.DecisionId,
                        principalTable: "meeting_decisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_accountability_records_DecisionId",
                table: "accountability_records",
                column: "DecisionId");

            migrationBuilder.CreateIndex(
                name: "IX_accountability_records_PersonId",
                table: "accountability_records",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_accountability_records_UnitId_Year",
                table: "accountability_records",
                columns: new[] { "UnitId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_assessment_adjustments_AssessmentId",
                table: "assessment_adjustments",
                column: "AssessmentId");

            migrationBuilder.CreateIndex(
                name: "IX_decision_positions_DecisionId_MemberId",
                table: "decision_positions",
                columns: new[] { "DecisionId", "MemberId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_decision_positions_MemberId",
                table: "decision_positions",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_meeting_attachments_FileId",
                table: "meeting_attachments",
                column: "FileId");

            migrationBuilder.CreateIndex(
                name: "IX_meeting_attachments_MeetingId_FileId",
                table: "meeting_attachments",
                columns: new[] { "MeetingId", "FileId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_meeting_attendees_UserId",
                table: "meeting_attendees",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_meeting_decisions_MeetingId_SortOrder",
                table: "meeting_decisions",
                columns: new[] { "MeetingId", "SortOrder" });

            migrationBuilder.CreateIndex(
                name: "IX_meetings_SatisfiedTaskId",
                table: "meetings",
                column: "SatisfiedTaskId");

            migrationBuilder.CreateIndex(
                name: "IX_meetings_UnitId_StartsAt",
                table: "meetings",
                columns: new[] { "UnitId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_unit_assessments_UnitId_Year",
                table: "unit_assessments",
                columns: new[] { "UnitId", "Year" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "accountability_records");

            migrationBuilder.DropTable(
                name: "assessment_adjustments");

            migrationBuilder.DropTable(
                name: "decision_positions");

            migrationBuilder.DropTable(
                name: "meeting_attachments");

            migrationBuilder.DropTable(
                name: "meeting_attendees");

            migrationBuilder.DropTable(
                name: "unit_assessments");

            migrationBuilder.DropTable(
                name: "meeting_decisions");

            migrationBuilder.DropTable(
                name: "meetings");
        }
    }
}
