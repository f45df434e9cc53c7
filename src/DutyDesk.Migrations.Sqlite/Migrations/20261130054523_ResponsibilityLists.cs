using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DutyDesk.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ResponsibilityLists : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "responsibility_lists",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Origin = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_responsibility_lists", x => x.Id);
                    table.ForeignKey(
                        name: "FK_responsibility_lists_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "responsibility_list_items",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ListId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Duty = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Measures = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Deadline = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DeadlineNote = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Remarks = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Progress = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CompletedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    TaskId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_responsibility_list_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_responsibility_list_items_AspNetUsers_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_responsibility_list_items_due_tasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "due_tasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_responsibility_list_items_responsibility_lists_ListId",
                        column: x => x.ListId,
                        principalTable: "responsibility_lists",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "responsibility_list_files",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ItemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AddedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AddedBy = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_responsibility_list_files", x => x.Id);
                    table.ForeignKey(
                        name: "FK_responsibility_list_files_responsibility_list_items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "responsibility_list_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_responsibility_list_files_stored_files_FileId",
                        column: x => x.FileId,
                        principalTable: "stored_files",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "responsibility_list_notes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ItemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AuthorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_responsibility_list_notes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_responsibility_list_notes_AspNetUsers_AuthorId",
                        column: x => x.AuthorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_responsibility_list_notes_responsibility_list_items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "responsibility_list_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_responsibility_list_files_FileId",
                table: "responsibility_list_files",
                column: "FileId");

            migrationBuilder.CreateIndex(
                name: "IX_responsibility_list_files_ItemId_FileId",
                table: "responsibility_list_files",
                columns: new[] { "ItemId", "FileId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_responsibility_list_items_ListId_Order",
                table: "responsibility_list_items",
                columns: new[] { "ListId", "Order" });

            migrationBuilder.CreateIndex(
                name: "IX_responsibility_list_items_OwnerId",
                table: "responsibility_list_items",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_responsibility_list_items_TaskId",
                table: "responsibility_list_items",
                column: "TaskId");

            migrationBuilder.CreateIndex(
                name: "IX_responsibility_list_notes_AuthorId",
                table: "responsibility_list_notes",
                column: "AuthorId");

            migrationBuilder.CreateIndex(
                name: "IX_responsibility_list_notes_ItemId_At",
                table: "responsibility_list_notes",
                columns: new[] { "ItemId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_responsibility_lists_UnitId_Year",
                table: "responsibility_lists",
                columns: new[] { "UnitId", "Year" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "responsibility_list_files");

            migrationBuilder.DropTable(
                name: "responsibility_list_notes");

            migrationBuilder.DropTable(
                name: "responsibility_list_items");

            migrationBuilder.DropTable(
                name: "responsibility_lists");
        }
    }
}
