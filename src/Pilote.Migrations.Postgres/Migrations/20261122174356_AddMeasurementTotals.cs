using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pilote.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AddMeasurementTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Rows",
                table: "unmatched_measurements",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.CreateTable(
                name: "measurement_months",
                columns: table => new
                {
                    ActionId = table.Column<int>(type: "integer", nullable: false),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    Metric = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Micros = table.Column<long>(type: "bigint", nullable: false),
                    Points = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_measurement_months", x => new { x.ActionId, x.Month, x.Metric });
                    table.ForeignKey(
                        name: "FK_measurement_months_actions_ActionId",
                        column: x => x.ActionId,
                        principalTable: "actions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "measurement_totals",
                columns: table => new
                {
                    ActionId = table.Column<int>(type: "integer", nullable: false),
                    Metric = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "date", nullable: false),
                    PeriodEnd = table.Column<DateOnly>(type: "date", nullable: false),
                    Micros = table.Column<long>(type: "bigint", nullable: false),
                    Points = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_measurement_totals", x => new { x.ActionId, x.PeriodStart, x.PeriodEnd, x.Metric });
                    table.ForeignKey(
                        name: "FK_measurement_totals_actions_ActionId",
                        column: x => x.ActionId,
                        principalTable: "actions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_measurement_totals_periods",
                table: "measurement_totals",
                columns: new[] { "ActionId", "PeriodStart" },
                filter: "\"PeriodStart\" <> \"PeriodEnd\"");

            // Measurements stored before the tables existed are summed into them once.
            migrationBuilder.Sql("""
                INSERT INTO measurement_totals ("ActionId", "Metric", "PeriodStart", "PeriodEnd", "Micros", "Points")
                SELECT "ActionId", "Metric", "PeriodStart", "PeriodEnd", SUM(ROUND("Value" * 1000000)::bigint), COUNT(*)
                FROM measurements GROUP BY "ActionId", "Metric", "PeriodStart", "PeriodEnd"
                """);
            migrationBuilder.Sql("""
                INSERT INTO measurement_months ("ActionId", "Month", "Metric", "Micros", "Points")
                SELECT "ActionId", date_trunc('month', "PeriodStart")::date, "Metric", SUM("Micros"), SUM("Points")
                FROM measurement_totals WHERE "PeriodStart" = "PeriodEnd" GROUP BY "ActionId", date_trunc('month', "PeriodStart")::date, "Metric"
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "measurement_months");

            migrationBuilder.DropTable(
                name: "measurement_totals");

            migrationBuilder.DropColumn(
                name: "Rows",
                table: "unmatched_measurements");
        }
    }
}
