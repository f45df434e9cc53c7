using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DutyDesk.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Opinion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "op_schemes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Mode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Subjects = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Regions = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Events = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Exclusions = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Expression = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    TitleOnly = table.Column<bool>(type: "boolean", nullable: false),
                    SourceFilter = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_op_schemes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_op_schemes_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "op_sources",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Kind = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Settings = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    PollMinutes = table.Column<int>(type: "integer", nullable: false),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    PushSecret = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ETag = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    LastModified = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    NextPollAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastAttemptAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastSuccessAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastErrorAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ConsecutiveFailures = table.Column<int>(type: "integer", nullable: false),
                    LeaseUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_op_sources", x => x.Id);
                    table.ForeignKey(
                        name: "FK_op_sources_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "op_cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SchemeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Words = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    FirstSeenAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastSeenAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ItemCount = table.Column<int>(type: "integer", nullable: false),
                    Reads = table.Column<long>(type: "bigint", nullable: false),
                    Comments = table.Column<long>(type: "bigint", nullable: false),
                    Reposts = table.Column<long>(type: "bigint", nullable: false),
                    SiteCount = table.Column<int>(type: "integer", nullable: false),
                    MainstreamMedia = table.Column<bool>(type: "boolean", nullable: false),
                    NegativeCount = table.Column<int>(type: "integer", nullable: false),
                    NegativeTrend = table.Column<double>(type: "double precision", nullable: false),
                    ItemsLastHour = table.Column<int>(type: "integer", nullable: false),
                    KeyArea = table.Column<bool>(type: "boolean", nullable: false),
                    Severe = table.Column<bool>(type: "boolean", nullable: false),
                    ProposedLevel = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    ProposedRule = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_op_cases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_op_cases_op_schemes_SchemeId",
                        column: x => x.SchemeId,
                        principalTable: "op_schemes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_op_cases_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "op_case_sites",
                columns: table => new
                {
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Site = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_op_case_sites", x => new { x.CaseId, x.Site });
                    table.ForeignKey(
                        name: "FK_op_case_sites_op_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "op_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "op_items",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    SourceId = table.Column<Guid>(type: "uuid", nullable: false),
                    DedupeKey = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Text = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    Folded = table.Column<string>(type: "character varying(20501)", maxLength: 20501, nullable: false),
                    Url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Site = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SeenWhere = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ScreenshotFileId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReportedById = table.Column<Guid>(type: "uuid", nullable: true),
                    PublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CollectedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PostedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Reads = table.Column<long>(type: "bigint", nullable: false),
                    Comments = table.Column<long>(type: "bigint", nullable: false),
                    Reposts = table.Column<long>(type: "bigint", nullable: false),
                    Sentiment = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    SentimentScore = table.Column<double>(type: "double precision", nullable: false),
                    SentimentWords = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    CorrectedSentiment = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    CorrectedById = table.Column<Guid>(type: "uuid", nullable: true),
                    CorrectedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SimHash = table.Column<long>(type: "bigint", nullable: false),
                    DuplicateOfId = table.Column<Guid>(type: "uuid", nullable: true),
                    DuplicateSimilarity = table.Column<double>(type: "double precision", nullable: false),
                    EventId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_op_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_op_items_op_cases_EventId",
                        column: x => x.EventId,
                        principalTable: "op_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_op_items_op_sources_SourceId",
                        column: x => x.SourceId,
                        principalTable: "op_sources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_op_items_stored_files_ScreenshotFileId",
                        column: x => x.ScreenshotFileId,
                        principalTable: "stored_files",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_op_items_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "op_item_matches",
                columns: table => new
                {
                    ItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    SchemeId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    CollectedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Words = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_op_item_matches", x => new { x.ItemId, x.SchemeId });
                    table.ForeignKey(
                        name: "FK_op_item_matches_op_items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "op_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_op_item_matches_op_schemes_SchemeId",
                        column: x => x.SchemeId,
                        principalTable: "op_schemes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_op_cases_SchemeId",
                table: "op_cases",
                column: "SchemeId");

            migrationBuilder.CreateIndex(
                name: "IX_op_cases_UnitId_LastSeenAt",
                table: "op_cases",
                columns: new[] { "UnitId", "LastSeenAt" });

            migrationBuilder.CreateIndex(
                name: "IX_op_item_matches_SchemeId_CollectedAt",
                table: "op_item_matches",
                columns: new[] { "SchemeId", "CollectedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_op_items_EventId",
                table: "op_items",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_op_items_ScreenshotFileId",
                table: "op_items",
                column: "ScreenshotFileId");

            migrationBuilder.CreateIndex(
                name: "IX_op_items_SourceId_CollectedAt",
                table: "op_items",
                columns: new[] { "SourceId", "CollectedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_op_items_UnitId_CollectedAt",
                table: "op_items",
                columns: new[] { "UnitId", "CollectedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_op_items_UnitId_DedupeKey",
                table: "op_items",
                columns: new[] { "UnitId", "DedupeKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_op_items_UnitId_PostedAt",
                table: "op_items",
                columns: new[] { "UnitId", "PostedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_op_schemes_UnitId_Name",
                table: "op_schemes",
                columns: new[] { "UnitId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_op_sources_Active_NextPollAt",
                table: "op_sources",
                columns: new[] { "Active", "NextPollAt" });

            migrationBuilder.CreateIndex(
                name: "IX_op_sources_UnitId_Name",
                table: "op_sources",
                columns: new[] { "UnitId", "Name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "op_case_sites");

            migrationBuilder.DropTable(
                name: "op_item_matches");

            migrationBuilder.DropTable(
                name: "op_items");

            migrationBuilder.DropTable(
                name: "op_cases");

            migrationBuilder.DropTable(
                name: "op_sources");

            migrationBuilder.DropTable(
                name: "op_schemes");
        }
    }
}
