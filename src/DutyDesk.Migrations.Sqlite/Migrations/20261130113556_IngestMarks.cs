using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DutyDesk.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class IngestMarks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_op_items_UnitId_DedupeKey",
                table: "op_items");

            migrationBuilder.CreateTable(
                name: "op_ingest_marks",
                columns: table => new
                {
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_op_ingest_marks", x => x.UnitId);
                    table.ForeignKey(
                        name: "FK_op_ingest_marks_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_op_items_DedupeKey_UnitId",
                table: "op_items",
                columns: new[] { "DedupeKey", "UnitId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "op_ingest_marks");

            migrationBuilder.DropIndex(
                name: "IX_op_items_DedupeKey_UnitId",
                table: "op_items");

            migrationBuilder.CreateIndex(
                name: "IX_op_items_UnitId_DedupeKey",
                table: "op_items",
                columns: new[] { "UnitId", "DedupeKey" },
                unique: true);
        }
    }
}
