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

            migrationBuilder.CreateTable(
                name: "measurement_totals",
                columns: table => new
                {
                    ActionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Metric = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PeriodEnd = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Micros = table.Column<long>(type: "INTEGER", nullable: false),
                    Points = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_measurement_totals", x => new { x.ActionId, x.Metric, x.PeriodStart, x.PeriodEnd });
                    table.ForeignKey(
                        name: "FK_measurement_totals_actions_ActionId",
                        column: x => x.ActionId,
                        principalTable: "actions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Measurements stored before the table existed are summed into it once.
            migrationBuilder.Sql("""
                INSERT INTO measurement_totals ("ActionId", "Metric", "PeriodStart", "PeriodEnd", "Micros", "Points")
                SELECT "ActionId", "Metric", "PeriodStart", "PeriodEnd", SUM(CAST(ROUND(CAST("Value" AS REAL) * 1000000) AS INTEGER)), COUNT(*)
                FROM measurements GROUP BY "ActionId", "Metric", "PeriodStart", "PeriodEnd"
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "measurement_totals");

            migrationBuilder.DropColumn(
                name: "Rows",
                table: "unmatched_measurements");
        }
    }
}
