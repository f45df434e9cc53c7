using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DutyDesk.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CaseActions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "op_case_actions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Facts = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Target = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ContentUrl = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ById = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_op_case_actions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_op_case_actions_AspNetUsers_ById",
                        column: x => x.ById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_op_case_actions_op_response_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "op_response_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "op_case_action_files",
                columns: table => new
                {
                    ActionId = table.Column<Guid>(type: "uuid", nullable: false),
                    FileId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_op_case_action_files", x => new { x.ActionId, x.FileId });
                    table.ForeignKey(
                        name: "FK_op_case_action_files_op_case_actions_ActionId",
                        column: x => x.ActionId,
                        principalTable: "op_case_actions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_op_case_action_files_stored_files_FileId",
                        column: x => x.FileId,
                        principalTable: "stored_files",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_op_case_action_files_FileId",
                table: "op_case_action_files",
                column: "FileId");

            migrationBuilder.CreateIndex(
                name: "IX_op_case_actions_ById",
                table: "op_case_actions",
                column: "ById");

            migrationBuilder.CreateIndex(
                name: "IX_op_case_actions_CaseId_At",
                table: "op_case_actions",
                columns: new[] { "CaseId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "op_case_action_files");

            migrationBuilder.DropTable(
                name: "op_case_actions");
        }
    }
}
