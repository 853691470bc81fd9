using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pilote.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class LinkAlertPrefsToUsers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Text to integer needs an explicit USING on PostgreSQL; the column was never filled, anything else is not an account id.
            migrationBuilder.Sql("""
                ALTER TABLE alert_subscriptions ALTER COLUMN "UserId" TYPE integer
                USING CASE WHEN "UserId" ~ '^[0-9]+$' THEN "UserId"::integer END;
                """);

            migrationBuilder.AddForeignKey(
                name: "FK_alert_subscriptions_users_UserId",
                table: "alert_subscriptions",
                column: "UserId",
                principalTable: "users",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_alert_subscriptions_users_UserId",
                table: "alert_subscriptions");

            migrationBuilder.AlterColumn<string>(
                name: "UserId",
                table: "alert_subscriptions",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true,
                oldClrType: typeof(int),
                oldType: "integer",
                oldNullable: true);
        }
    }
}
