using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Pilote.Alerts;
using Pilote.Common;
using Pilote.Plans;
using Spectre.Console;

namespace Pilote.App.Cli;

/// <summary><c>pilote alerts run | list | subscribe</c>: the scheduled checks by hand, the delivery log, and who receives what.</summary>
internal static class AlertCommands
{
    public static Command Build(CliHost host)
    {
        var alerts = new Command("alerts", "alerts: KPI off track, overdue action, nothing measured for 14 days, over budget; by email or webhook");
        alerts.Subcommands.Add(Run(host));
        alerts.Subcommands.Add(List(host));
        alerts.Subcommands.Add(Subscribe(host));
        return alerts;
    }

    private static Command Run(CliHost host)
    {
        var date = Opt.Text("--date", "check as of this day (default: today)");
        var digest = Opt.Flag("--digest", "also send each subscriber's weekly digest");
        var json = Opt.Json();
        var cmd = new Command("run", "run the checks now and deliver what is due (what the scheduler of 'pilote serve' does every hour)").With(date, digest, json);
        cmd.SetAction(async (parse, ct) =>
        {
            var cli = new CliContext(host, parse);
            var day = Inputs.ParseOptionalDate(parse.GetValue(date), "--date") ?? host.Today;
            await using var db = await cli.OpenAsync(ct);
            var options = AlertOptions.FromEnvironment(host.Environment);
            var r = await new AlertService(db, host.Clock, options, $"cli-{Environment.ProcessId}").RunAsync(day, parse.GetValue(digest), ct);
            if (parse.GetValue(json))
                cli.WriteJson(r);
            else
                host.Out.WriteLine(cli.T(
                    $"{Formats.Many(r.Found, "situation", "situations", true)} à signaler, {Formats.Many(r.New, "nouvelle alerte", "nouvelles alertes", true)} ; envoyées {r.Sent}, à réessayer {r.Retrying}, en échec {r.Failed}, refusées {r.Refused}.",
                    $"{Formats.Many(r.Found, "situation", "situations", false)} to report, {Formats.Many(r.New, "new alert", "new alerts", false)}; sent {r.Sent}, to retry {r.Retrying}, failed {r.Failed}, refused {r.Refused}."));
            return PiloteCli.Ok;
        });
        return cmd;
    }

    private static Command List(CliHost host)
    {
        var status = Opt.Text("--status", "only pending, sent, retrying, failed or refused");
        var json = Opt.Json();
        var cmd = new Command("list", "the alert ledger: every alert, to whom, by which channel, its status, attempts and last error").With(status, json);
        cmd.SetAction(async (parse, ct) =>
        {
            var cli = new CliContext(host, parse);
            DeliveryStatus? only = parse.GetValue(status) is { } s
                ? Enum.TryParse<DeliveryStatus>(s, true, out var v) ? v : throw new PiloteInputException($"--status : « {s} » n'est pas pending, sent, retrying, failed ou refused", $"--status: '{s}' is not pending, sent, retrying, failed or refused")
                : null;
            await using var db = await cli.OpenAsync(ct);
            var rows = await db.AlertDeliveries.AsNoTracking().Where(d => only == null || d.Status == only).OrderBy(d => d.Id).ToListAsync(ct);
            if (parse.GetValue(json))
            {
                cli.WriteJson(rows.Select(d => new
                {
                    d.Id, d.Kind, d.PlanId, d.Subject, d.Recipient, Channel = d.Channel.ToString().ToLowerInvariant(), d.Title,
                    Status = d.Status.ToString().ToLowerInvariant(), d.Attempts, d.LastError, d.CreatedAt, d.SentAt,
                }));
                return PiloteCli.Ok;
            }
            if (rows.Count == 0)
            {
                host.Out.WriteLine(cli.T("Aucune alerte.", "No alert."));
                return PiloteCli.Ok;
            }
            var table = Tables.Create("#", cli.T("Alerte", "Alert"), cli.T("Destinataire", "Recipient"), cli.T("Canal", "Channel"), cli.T("Statut", "Status"),
                cli.T("Essais", "Attempts"), cli.T("Dernière erreur", "Last error"));
            foreach (var d in rows)
                table.AddRow(d.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Tables.Esc(d.Title), Tables.Esc(d.Recipient), d.Channel.ToString().ToLowerInvariant(),
                    d.Status.ToString().ToLowerInvariant(), d.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture), Tables.Esc(d.LastError));
            cli.Console.Write(table);
            return PiloteCli.Ok;
        });
        return cmd;
    }

    private static Command Subscribe(CliHost host)
    {
        var email = Opt.Text("--email", "the person (their email: linked to their account when one has this email, now or once created)", required: true);
        var workspace = Opt.Text("--workspace", "the workspace (default: your default workspace)");
        var kinds = Opt.Text("--kinds", $"which alerts, comma-separated: {string.Join(", ", AlertKinds.All)} (default: all)");
        var channel = Opt.Text("--channel", "email (default) or webhook");
        var webhook = Opt.Text("--webhook", "with --channel webhook: the URL to post to (Slack-compatible)");
        var digest = Opt.Flag("--digest", "also a weekly digest");
        var cmd = new Command("subscribe", "choose which alerts a person receives, and how (again to change it)").With(email, workspace, kinds, channel, webhook, digest);
        cmd.SetAction(async (parse, ct) =>
        {
            var cli = new CliContext(host, parse);
            var address = parse.GetValue(email)!.Trim();
            if (!MimeKit.MailboxAddress.TryParse(address, out _) || !address.Contains('@', StringComparison.Ordinal))
                throw new PiloteInputException($"--email : « {address} » n'est pas une adresse e-mail", $"--email: '{address}' is not an email address");
            var wanted = parse.GetValue(kinds) is { } k && k.Trim() != "all"
                ? k.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList()
                : [.. AlertKinds.All];
            if (wanted.FirstOrDefault(w => !AlertKinds.All.Contains(w)) is { } bad)
                throw new PiloteInputException($"--kinds : « {bad} » n'est pas une alerte ({string.Join(", ", AlertKinds.All)})", $"--kinds: '{bad}' is not an alert ({string.Join(", ", AlertKinds.All)})");
            var how = (parse.GetValue(channel) ?? "email").Trim().ToLowerInvariant() switch
            {
                "email" or "mail" => AlertChannel.Email,
                "webhook" => AlertChannel.Webhook,
                var other => throw new PiloteInputException($"--channel : « {other} » n'est ni email ni webhook", $"--channel: '{other}' is not email or webhook"),
            };
            await using var db = await cli.OpenAsync(ct);
            var ws = await WorkspaceService.ResolveAsync(db, host.Clock, parse.GetValue(workspace), ct);
            var sub = await new AlertPreferences(db, host.Clock).SubscribeAsync(ws.Id, address, wanted, parse.GetValue(digest), how, parse.GetValue(webhook), ct);
            var linked = sub.UserId is null ? "" : cli.T(" ; lié au compte de cette personne", "; linked to this person's account");
            host.Out.WriteLine(cli.T(
                $"{address} recevra par {(how == AlertChannel.Email ? "e-mail" : "webhook")} : {sub.Kinds}{(sub.Digest ? " + synthèse hebdomadaire" : "")} (espace « {ws.Name} »){linked}.",
                $"{address} will receive by {(how == AlertChannel.Email ? "email" : "webhook")}: {sub.Kinds}{(sub.Digest ? " + weekly digest" : "")} (workspace '{ws.Name}'){linked}."));
            return PiloteCli.Ok;
        });
        return cmd;
    }
}
