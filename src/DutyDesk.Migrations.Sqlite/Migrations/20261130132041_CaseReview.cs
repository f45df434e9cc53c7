using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DutyDesk.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CaseReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "op_case_reviews",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WhatWorked = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Problems = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Commendations = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    NoImprovementReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    FinalisedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    FinalisedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_op_case_reviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_op_case_reviews_AspNetUsers_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_op_case_reviews_AspNetUsers_FinalisedById",
                        column: x => x.FinalisedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_op_case_reviews_AspNetUsers_UpdatedById",
                        column: x => x.UpdatedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_op_case_reviews_op_response_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "op_response_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_op_case_reviews_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "op_case_evaluations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReviewId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Rating = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Commended = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_op_case_evaluations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_op_case_evaluations_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_op_case_evaluations_op_case_reviews_ReviewId",
                        column: x => x.ReviewId,
                        principalTable: "op_case_reviews",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_op_case_evaluations_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "op_case_improvements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReviewId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TaskId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_op_case_improvements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_op_case_improvements_AspNetUsers_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_op_case_improvements_AspNetUsers_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_op_case_improvements_due_tasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "due_tasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_op_case_improvements_op_case_reviews_ReviewId",
                        column: x => x.ReviewId,
                        principalTable: "op_case_reviews",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_op_case_improvements_op_response_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "op_response_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_op_case_evaluations_ReviewId_Order",
                table: "op_case_evaluations",
                columns: new[] { "ReviewId", "Order" });

            migrationBuilder.CreateIndex(
                name: "IX_op_case_evaluations_UnitId",
                table: "op_case_evaluations",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_op_case_evaluations_UserId",
                table: "op_case_evaluations",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_op_case_improvements_CaseId_CreatedAt",
                table: "op_case_improvements",
                columns: new[] { "CaseId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_op_case_improvements_CreatedById",
                table: "op_case_improvements",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_op_case_improvements_OwnerId",
                table: "op_case_improvements",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_op_case_improvements_ReviewId",
                table: "op_case_improvements",
                column: "ReviewId");

            migrationBuilder.CreateIndex(
                name: "IX_op_case_improvements_TaskId",
                table: "op_case_improvements",
                column: "TaskId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_op_case_reviews_CaseId",
                table: "op_case_reviews",
                column: "CaseId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_op_case_reviews_CreatedById",
                table: "op_case_reviews",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_op_case_reviews_FinalisedById",
                table: "op_case_reviews",
                column: "FinalisedById");

            migrationBuilder.CreateIndex(
                name: "IX_op_case_reviews_UnitId",
                table: "op_case_reviews",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_op_case_reviews_UpdatedById",
                table: "op_case_reviews",
                column: "UpdatedById");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "op_case_evaluations");

            migrationBuilder.DropTable(
                name: "op_case_improvements");

            migrationBuilder.DropTable(
                name: "op_case_reviews");
        }
    }
}
