using System;
using DutyDesk.Platform.Data;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DutyDesk.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ItemSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "op_item_search",
                columns: table => new
                {
                    ItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Segmented = table.Column<string>(type: "character varying(100000)", maxLength: 100000, nullable: false),
                    IndexedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_op_item_search", x => x.ItemId);
                    table.ForeignKey(
                        name: "FK_op_item_search_op_items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "op_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Hand-written, keep when regenerating: the full-text structure over the words (FTS5 table and triggers on
            // SQLite, a generated tsvector column with a GIN index on PostgreSQL), which the shared EF model cannot express.
            foreach (var sql in FullTextSearch.CreateSql(migrationBuilder.ActiveProvider, new FullTextIndex("op_item_search", "ItemId", "Segmented")))
            {
                migrationBuilder.Sql(sql);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in FullTextSearch.DropSql(migrationBuilder.ActiveProvider, new FullTextIndex("op_item_search", "ItemId", "Segmented")))
            {
                migrationBuilder.Sql(sql);
            }

            migrationBuilder.DropTable(
                name: "op_item_search");
        }
    }
}
