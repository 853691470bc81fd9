using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pilote.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SetBasedMeasurementKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_measurement_months_actions_ActionId",
                table: "measurement_months");

            migrationBuilder.DropForeignKey(
                name: "FK_measurement_totals_actions_ActionId",
                table: "measurement_totals");

            migrationBuilder.DropForeignKey(
                name: "FK_measurements_actions_ActionId",
                table: "measurements");

            migrationBuilder.DropForeignKey(
                name: "FK_measurements_import_batches_BatchId",
                table: "measurements");

            // The same rules as the foreign keys just dropped, checked once per statement instead of once per row: the
            // actions (and batches) a statement's new rows name are locked FOR KEY SHARE, as a foreign key check would
            // lock each, so that a concurrent delete waits for this transaction; then a row naming one that is gone
            // fails the statement with the foreign key's own error (23503). Deleting actions or batches deletes their
            // measurements and totals, as ON DELETE CASCADE did, cascades from plans and workspaces included.
            migrationBuilder.Sql("""
                CREATE FUNCTION pilote_check_measurement_keys() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    PERFORM 1 FROM actions a WHERE a."Id" IN (SELECT DISTINCT n."ActionId" FROM added n) ORDER BY a."Id" FOR KEY SHARE;
                    IF EXISTS (SELECT 1 FROM added n WHERE NOT EXISTS (SELECT 1 FROM actions a WHERE a."Id" = n."ActionId")) THEN
                        RAISE EXCEPTION 'insert or update on table "%" violates foreign key constraint "FK_%_actions_ActionId"', TG_TABLE_NAME, TG_TABLE_NAME
                            USING ERRCODE = 'foreign_key_violation', TABLE = TG_TABLE_NAME;
                    END IF;
                    IF TG_TABLE_NAME = 'measurements' THEN
                        PERFORM 1 FROM import_batches b WHERE b."Id" IN (SELECT DISTINCT n."BatchId" FROM added n WHERE n."BatchId" IS NOT NULL) ORDER BY b."Id" FOR KEY SHARE;
                        IF EXISTS (SELECT 1 FROM added n WHERE n."BatchId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM import_batches b WHERE b."Id" = n."BatchId")) THEN
                            RAISE EXCEPTION 'insert or update on table "measurements" violates foreign key constraint "FK_measurements_import_batches_BatchId"'
                                USING ERRCODE = 'foreign_key_violation', TABLE = TG_TABLE_NAME;
                        END IF;
                    END IF;
                    RETURN NULL;
                END
                $fn$;
                CREATE TRIGGER measurements_keys AFTER INSERT ON measurements REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION pilote_check_measurement_keys();
                CREATE TRIGGER measurement_totals_keys AFTER INSERT ON measurement_totals REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION pilote_check_measurement_keys();
                CREATE TRIGGER measurement_months_keys AFTER INSERT ON measurement_months REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION pilote_check_measurement_keys();

                CREATE FUNCTION pilote_delete_action_measurements() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    DELETE FROM measurements m USING gone g WHERE m."ActionId" = g."Id";
                    DELETE FROM measurement_totals t USING gone g WHERE t."ActionId" = g."Id";
                    DELETE FROM measurement_months t USING gone g WHERE t."ActionId" = g."Id";
                    RETURN NULL;
                END
                $fn$;
                CREATE TRIGGER actions_delete_measurements AFTER DELETE ON actions REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION pilote_delete_action_measurements();

                CREATE FUNCTION pilote_delete_batch_measurements() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    DELETE FROM measurements m USING gone g WHERE m."BatchId" = g."Id";
                    RETURN NULL;
                END
                $fn$;
                CREATE TRIGGER import_batches_delete_measurements AFTER DELETE ON import_batches REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION pilote_delete_batch_measurements();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER import_batches_delete_measurements ON import_batches;
                DROP TRIGGER actions_delete_measurements ON actions;
                DROP TRIGGER measurement_months_keys ON measurement_months;
                DROP TRIGGER measurement_totals_keys ON measurement_totals;
                DROP TRIGGER measurements_keys ON measurements;
                DROP FUNCTION pilote_delete_batch_measurements();
                DROP FUNCTION pilote_delete_action_measurements();
                DROP FUNCTION pilote_check_measurement_keys();
                """);

            migrationBuilder.AddForeignKey(
                name: "FK_measurement_months_actions_ActionId",
                table: "measurement_months",
                column: "ActionId",
                principalTable: "actions",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_measurement_totals_actions_ActionId",
                table: "measurement_totals",
                column: "ActionId",
                principalTable: "actions",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_measurements_actions_ActionId",
                table: "measurements",
                column: "ActionId",
                principalTable: "actions",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_measurements_import_batches_BatchId",
                table: "measurements",
                column: "BatchId",
                principalTable: "import_batches",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
