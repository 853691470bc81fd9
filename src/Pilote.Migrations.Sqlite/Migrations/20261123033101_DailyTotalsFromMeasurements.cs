using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pilote.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DailyTotalsFromMeasurements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The one-day totals go: their months stay in measurement_months, and a window's edge days are summed from the
            // measurements through their (action, metric, day) index. Only periods longer than a day keep a total.
            migrationBuilder.Sql("""DELETE FROM measurement_totals WHERE "PeriodStart" = "PeriodEnd";""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                INSERT INTO measurement_totals ("ActionId", "Metric", "PeriodStart", "PeriodEnd", "Micros", "Points")
                SELECT "ActionId", "Metric", "PeriodStart", "PeriodEnd", SUM(CAST(ROUND(CAST("Value" AS REAL) * 1000000) AS INTEGER)), COUNT(*)
                FROM measurements WHERE "PeriodStart" = "PeriodEnd" GROUP BY "ActionId", "Metric", "PeriodStart", "PeriodEnd";
                """);
        }
    }
}
