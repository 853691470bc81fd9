using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pilote.Migrations.Postgres.Migrations
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
            // A bulk write that has locked (FOR KEY SHARE) and counted the actions and batch its rows name itself sets
            // pilote.keys_checked for the length of its COPY: the statement trigger's scans of the whole transition table
            // would add a third to the write (328 500 rows: 1,8 s against 1,35 s). Every other insert is checked as before.
            migrationBuilder.Sql("""
                DROP TRIGGER measurements_keys ON measurements;
                CREATE TRIGGER measurements_keys AFTER INSERT ON measurements REFERENCING NEW TABLE AS added FOR EACH STATEMENT
                    WHEN (current_setting('pilote.keys_checked', true) IS DISTINCT FROM 'on')
                    EXECUTE FUNCTION pilote_check_measurement_keys();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER measurements_keys ON measurements;
                CREATE TRIGGER measurements_keys AFTER INSERT ON measurements REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION pilote_check_measurement_keys();
                INSERT INTO measurement_totals ("ActionId", "Metric", "PeriodStart", "PeriodEnd", "Micros", "Points")
                SELECT "ActionId", "Metric", "PeriodStart", "PeriodEnd", SUM(ROUND("Value" * 1000000)::bigint), COUNT(*)
                FROM measurements WHERE "PeriodStart" = "PeriodEnd" GROUP BY "ActionId", "Metric", "PeriodStart", "PeriodEnd";
                """);
        }
    }
}
