using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DutyDesk.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class OpinionSentimentModels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "op_sentiment_models",
                columns: table => new
                {
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Data = table.Column<byte[]>(type: "bytea", maxLength: 16777216, nullable: false),
                    TrainedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    TrainedById = table.Column<Guid>(type: "uuid", nullable: false),
                    Examples = table.Column<int>(type: "integer", nullable: false),
                    AccuracyBefore = table.Column<double>(type: "double precision", nullable: false),
                    AccuracyAfter = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_op_sentiment_models", x => x.UnitId);
                    table.ForeignKey(
                        name: "FK_op_sentiment_models_units_UnitId",
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
                name: "op_sentiment_models");
        }
    }
}
