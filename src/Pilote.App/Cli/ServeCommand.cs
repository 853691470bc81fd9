using System.CommandLine;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections;
using Pilote.Data;
using Pilote.Demo;

namespace Pilote.App.Cli;

internal static partial class ServeCommand
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
            // The host logs a failed start with its stack trace before throwing; the exception still reaches this command
            // (and the CLI's handlers), which says it in one line. The host's own log is muted until the start is over,
            // then back at the default level (a filter of its own replaces the default for the category).
            var starting = new StrongBox<bool>(true);
            await using var app = WebApp.Build(cli.Target, host.Clock, address, parse.GetValue(demo),
                b => b.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", level => !starting.Value && level >= LogLevel.Information));
            try
            {
                await app.StartAsync(ct);
            }
            catch (Exception ex) when (ex is IOException or SocketException)
            {
                // A port already taken (another Pilote, another server), an address the machine does not have: one line, not
                // the exception, and no claim to listen. Kestrel wraps the first in an IOException, not the second.
                throw CannotListen(ex, address);
            }
            starting.Value = false;
            host.Out.WriteLine(cli.T($"Pilote écoute sur {address} (base : {cli.Target.Display}). Ctrl+C pour arrêter.",
                $"Pilote listening on {address} (database: {cli.Target.Display}). Ctrl+C to stop."));
            await app.WaitForShutdownAsync(ct);
            return PiloteCli.Ok;
        });
        return cmd;
    }

    /// <summary>Says which address could not be used, why, and another to name with --urls.</summary>
    private static Common.PiloteInputException CannotListen(Exception ex, string address)
    {
        // Kestrel names the one address it could not bind ("Failed to bind to address http://…: address already in use.").
        var failed = BoundAddress().Match(ex.Message) is { Success: true } m ? m.Groups["url"].Value : address;
        var at = Microsoft.AspNetCore.Http.BindingAddress.Parse(failed.Split(';')[0].Trim());
        var socket = ex as SocketException ?? ex.InnerException as SocketException ?? ex.InnerException?.InnerException as SocketException;
        if (ex.InnerException is AddressInUseException || socket?.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            var next = $"{at.Scheme}://{at.Host}:{(at.Port < 65535 ? at.Port + 1 : 5080)}";
            return new Common.PiloteInputException(
                $"--urls : l'adresse {failed} est déjà utilisée (un autre Pilote ou un autre serveur) ; arrêtez-le ou choisissez une autre adresse avec --urls, par exemple --urls {next}",
                $"--urls: {failed} is already in use (another Pilote or another server); stop it or choose another address with --urls, for example --urls {next}");
        }
        var raw = (socket ?? ex.InnerException ?? ex).Message.TrimEnd('.');
        var (fr, en, other) = socket?.SocketErrorCode switch
        {
            SocketError.AddressNotAvailable => ("cette machine n'a pas cette adresse", "this machine has no such address", $"{at.Scheme}://127.0.0.1:{at.Port}"),
            SocketError.AccessDenied => ("un port sous 1024 demande des droits d'administrateur", "a port below 1024 needs administrator rights", $"{at.Scheme}://{at.Host}:5080"),
            _ => (raw, raw, "http://127.0.0.1:5080"),
        };
        return new Common.PiloteInputException(
            $"--urls : impossible d'écouter sur {failed} ({fr}) ; choisissez une autre adresse avec --urls, par exemple --urls {other}",
            $"--urls: cannot listen on {failed} ({en}); choose another address with --urls, for example --urls {other}");
    }

    [GeneratedRegex(@"bind to address (?<url>\S+?):?\s")]
    private static partial Regex BoundAddress();
}
