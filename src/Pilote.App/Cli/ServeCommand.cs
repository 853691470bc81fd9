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
            // Kestrel refuses a malformed address only once the host starts, with a FormatException, a stack trace and
            // exit 134: read the addresses first, as Kestrel will.
            foreach (var url in address.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                try
                {
                    Microsoft.AspNetCore.Http.BindingAddress.Parse(url);
                }
                catch (FormatException)
                {
                    throw new Common.PiloteInputException($"--urls : « {url} » n'est pas une adresse d'écoute (exemple : http://127.0.0.1:5080)",
                        $"--urls: '{url}' is not an address to listen on (for example http://127.0.0.1:5080)");
                }
            }
            await using var app = WebApp.Build(cli.Target, host.Clock, address, parse.GetValue(demo));
            try
            {
                await app.StartAsync(ct);
            }
            catch (IOException ex)
            {
                // A port already taken (another Pilote, another server): one line, not the exception, and no claim to listen.
                throw new Common.PiloteInputException($"--urls : impossible d'écouter sur {address} ({ex.Message.TrimEnd('.')})",
                    $"--urls: cannot listen on {address} ({ex.Message.TrimEnd('.')})");
            }
            host.Out.WriteLine(cli.T($"Pilote écoute sur {address} (base : {cli.Target.Display}). Ctrl+C pour arrêter.",
                $"Pilote listening on {address} (database: {cli.Target.Display}). Ctrl+C to stop."));
            await app.WaitForShutdownAsync(ct);
            return PiloteCli.Ok;
        });
        return cmd;
    }
}
