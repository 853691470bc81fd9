using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pilote.Migrations.Sqlite.Migrations
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
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            // WITHOUT ROWID: the rows live in primary-key order (action, then days), so a plan's window is read in
            // ranges with its sums, not looked up row by row. EF has no word for it, hence the SQL.
            migrationBuilder.Sql("""
                CREATE TABLE "measurement_months" (
                    "ActionId" INTEGER NOT NULL,
                    "Month" TEXT NOT NULL,
                    "Metric" TEXT NOT NULL,
                    "Micros" INTEGER NOT NULL,
                    "Points" INTEGER NOT NULL,
                    CONSTRAINT "PK_measurement_months" PRIMARY KEY ("ActionId", "Month", "Metric"),
                    CONSTRAINT "FK_measurement_months_actions_ActionId" FOREIGN KEY ("ActionId") REFERENCES "actions" ("Id") ON DELETE CASCADE
                ) WITHOUT ROWID
                """);

            migrationBuilder.Sql("""
                CREATE TABLE "measurement_totals" (
                    "ActionId" INTEGER NOT NULL,
                    "Metric" TEXT NOT NULL,
                    "PeriodStart" TEXT NOT NULL,
                    "PeriodEnd" TEXT NOT NULL,
                    "Micros" INTEGER NOT NULL,
                    "Points" INTEGER NOT NULL,
                    CONSTRAINT "PK_measurement_totals" PRIMARY KEY ("ActionId", "PeriodStart", "PeriodEnd", "Metric"),
                    CONSTRAINT "FK_measurement_totals_actions_ActionId" FOREIGN KEY ("ActionId") REFERENCES "actions" ("Id") ON DELETE CASCADE
                ) WITHOUT ROWID
                """);

            migrationBuilder.CreateIndex(
                name: "IX_measurement_totals_periods",
                table: "measurement_totals",
                columns: new[] { "ActionId", "PeriodStart" },
                filter: "\"PeriodStart\" <> \"PeriodEnd\"");

            // Measurements stored before the tables existed are summed into them once.
            migrationBuilder.Sql("""
                INSERT INTO measurement_totals ("ActionId", "Metric", "PeriodStart", "PeriodEnd", "Micros", "Points")
                SELECT "ActionId", "Metric", "PeriodStart", "PeriodEnd", SUM(CAST(ROUND(CAST("Value" AS REAL) * 1000000) AS INTEGER)), COUNT(*)
                FROM measurements GROUP BY "ActionId", "Metric", "PeriodStart", "PeriodEnd"
                """);
            migrationBuilder.Sql("""
                INSERT INTO measurement_months ("ActionId", "Month", "Metric", "Micros", "Points")
                SELECT "ActionId", substr("PeriodStart", 1, 8) || '01', "Metric", SUM("Micros"), SUM("Points")
                FROM measurement_totals WHERE "PeriodStart" = "PeriodEnd" GROUP BY "ActionId", substr("PeriodStart", 1, 8) || '01', "Metric"
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
