using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Pilote.Common;

namespace Pilote.App.Cli;

internal static class DbCommands
{
    public static Command Build(CliHost host)
    {
        var db = new Command("db", "database administration");
        var migrate = new Command("migrate", "apply pending migrations (PostgreSQL needs this before first use)");
        migrate.SetAction(async (parse, ct) =>
        {
            var cli = new CliContext(host, parse);
            await using (var before = cli.Target.Open())
            {
                var pending = (await before.Database.GetPendingMigrationsAsync(ct)).ToList();
                await cli.Target.MigrateAsync(ct);
                host.Out.WriteLine(pending.Count == 0
                    ? cli.T($"{cli.Target.Display} : déjà à jour.", $"{cli.Target.Display}: already up to date.")
                    : cli.T($"{cli.Target.Display} : {Formats.Many(pending.Count, "migration appliquée", "migrations appliquées", true)}.", $"{cli.Target.Display}: {Formats.Many(pending.Count, "migration", "migrations", false)} applied."));
            }
            return PiloteCli.Ok;
        });
        db.Subcommands.Add(migrate);
        return db;
    }
}
