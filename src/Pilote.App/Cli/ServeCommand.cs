using System.CommandLine;
using Pilote.Data;
using Pilote.Demo;

namespace Pilote.App.Cli;

internal static class ServeCommand
{
    public static Command Build(CliHost host)
    {
        var urls = Opt.Text("--urls", "where to listen (default http://127.0.0.1:5080)");
        var demo = Opt.Flag("--demo", "load the demo workspace first if it is not there");
        var migrate = Opt.Flag("--migrate", "apply PostgreSQL migrations before starting (SQLite always migrates)");
        var cmd = new Command("serve", "start the web app and the REST API").With(urls, demo, migrate);
        cmd.SetAction(async (parse, ct) =>
        {
            var cli = new CliContext(host, parse);
            if (parse.GetValue(migrate) || cli.Target.Provider == DatabaseProvider.Sqlite)
                await cli.Target.MigrateAsync(ct);
            else
                await cli.Target.EnsureMigratedAsync(ct);
            if (parse.GetValue(demo))
            {
                await using var db = cli.Target.Open();
                await new DemoWorkspace(db, host.Clock).LoadAsync(replace: false, ct);
                await Account.DemoAccess.EnsureUserAsync(db, host.Clock, ct);
            }
            var address = parse.GetValue(urls) ?? host.Environment("PILOTE_URLS") ?? "http://127.0.0.1:5080";
            var app = WebApp.Build(cli.Target, host.Clock, address, parse.GetValue(demo));
            host.Out.WriteLine(cli.T($"Pilote écoute sur {address} (base : {cli.Target.Display}). Ctrl+C pour arrêter.",
                $"Pilote listening on {address} (database: {cli.Target.Display}). Ctrl+C to stop."));
            await app.RunAsync(ct);
            return PiloteCli.Ok;
        });
        return cmd;
    }
}
