using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DutyDesk.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Grading : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "op_grading",
                columns: table => new
                {
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GeneralUpTo = table.Column<int>(type: "INTEGER", nullable: false),
                    LargerFrom = table.Column<int>(type: "INTEGER", nullable: false),
                    DozensOfComments = table.Column<int>(type: "INTEGER", nullable: false),
                    FastSpreadItemsPerHour = table.Column<int>(type: "INTEGER", nullable: false),
                    KeyAreaWords = table.Column<string>(type: "TEXT", maxLength: 25500, nullable: false),
                    SevereWords = table.Column<string>(type: "TEXT", maxLength: 25500, nullable: false),
                    MainstreamDomains = table.Column<string>(type: "TEXT", maxLength: 50500, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_op_grading", x => x.UnitId);
                    table.ForeignKey(
                        name: "FK_op_grading_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "op_grading");
        }
    }
}
