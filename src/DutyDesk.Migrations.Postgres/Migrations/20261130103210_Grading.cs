using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DutyDesk.Migrations.Postgres.Migrations
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
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    GeneralUpTo = table.Column<int>(type: "integer", nullable: false),
                    LargerFrom = table.Column<int>(type: "integer", nullable: false),
                    DozensOfComments = table.Column<int>(type: "integer", nullable: false),
                    FastSpreadItemsPerHour = table.Column<int>(type: "integer", nullable: false),
                    KeyAreaWords = table.Column<string>(type: "character varying(25500)", maxLength: 25500, nullable: false),
                    SevereWords = table.Column<string>(type: "character varying(25500)", maxLength: 25500, nullable: false),
                    MainstreamDomains = table.Column<string>(type: "character varying(50500)", maxLength: 50500, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
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
