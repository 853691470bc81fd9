using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Pilote.Demo;

namespace Pilote.App.Cli;

internal static class DemoCommand
{
    public static Command Build(CliHost host)
    {
        var cmd = new Command("demo", "load the demo workspace (LocalScope, the mini-case, NutriBoost), replacing an earlier copy");
        cmd.SetAction(async (parse, ct) =>
        {
            var cli = new CliContext(host, parse);
            await using var db = await cli.OpenAsync(ct);
            var workspace = await new DemoWorkspace(db, host.Clock).LoadAsync(replace: true, ct);
            var plans = await db.Plans.AsNoTracking().Where(p => p.WorkspaceId == workspace.Id).OrderBy(p => p.Id)
                .Select(p => new { p.Id, p.Name, Actions = p.Actions.Count }).ToListAsync(ct);
            host.Out.WriteLine(cli.T($"Espace de démonstration « {workspace.Name} » chargé dans {cli.Target.Display} :",
                $"Demo workspace '{workspace.Name}' loaded into {cli.Target.Display}:"));
            foreach (var p in plans)
                host.Out.WriteLine($"  #{p.Id} {p.Name} ({p.Actions} actions)");
            host.Out.WriteLine(cli.T($"Essayez : pilote plan show {plans[0].Id}", $"Try: pilote plan show {plans[0].Id}"));
            return PiloteCli.Ok;
        });
        return cmd;
    }
}
