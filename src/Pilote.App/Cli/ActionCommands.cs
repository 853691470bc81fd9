using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Pilote.Actions;
using Pilote.App.Plans;
using Pilote.Common;
using Pilote.Kpis;
using Pilote.Plans;
using Spectre.Console;

namespace Pilote.App.Cli;

internal static class ActionCommands
{
    public static Command Build(CliHost host)
    {
        var action = new Command("action", "add, edit and list a plan's actions");
        action.Subcommands.Add(Add(host));
        action.Subcommands.Add(Set(host));
        action.Subcommands.Add(List(host));
        return action;
    }

    /// <summary>The flags every action field has, shared by add and set.</summary>
    private sealed class FieldOptions
    {
        public readonly Option<string?> Title = Opt.Text("--title", "what is done");
        public readonly Option<string?> Channel = Opt.Text("--channel", "channel key or name (seo, sea, emailing, social, influence, crm, content, pos…)");
        public readonly Option<string?> Kpi = Opt.Text("--kpi", "KPI key or name (cpl, taux_ouverture, partages…)");
        public readonly Option<string?> Target = Opt.Text("--target", "target as you would write it: \">25%\", \"<3€\", \"1 000\", \"entre 2 et 3 €\"");
        public readonly Option<string?> Baseline = Opt.Text("--baseline", "starting value, for relative targets such as +20%");
        public readonly Option<string?> Owner = Opt.Text("--owner", "who is responsible");
        public readonly Option<string?> Team = Opt.Text("--team", "team");
        public readonly Option<string?> Start = Opt.Text("--start", "start date");
        public readonly Option<string?> Due = Opt.Text("--due", "due date (échéance)");
        public readonly Option<string?> Status = Opt.Text("--status", "planned, ready, in_progress, live, paused, done, stopped (or Prévu, En cours…)");
        public readonly Option<string?> Kind = Opt.Text("--kind", "fond, récurrente or ponctuelle");
        public readonly Option<string?> Periodicity = Opt.Text("--periodicity", "quotidienne, hebdomadaire, mensuelle, trimestrielle, ponctuelle");
        public readonly Option<string?> Budget = Opt.Text("--budget", "planned budget");
        public readonly Option<string?> Tools = Opt.Text("--tools", "tools used");
        public readonly Option<string?> Aim = Opt.Text("--aim", "what the action aims at (the table's Objectif column)");
        public readonly Option<string?> Objective = Opt.Text("--objective", "link to an objective (id or statement)");
        public readonly Option<string?> Utm = Opt.Text("--utm", "UTM campaign that tracks the action");
        public readonly Option<string?> PromoCode = Opt.Text("--promo-code", "promo code that tracks the action");
        public readonly Option<string?> Comment = Opt.Text("--comment", "add a comment to the action's log");

        public Symbol[] All => [Title, Channel, Kpi, Target, Baseline, Owner, Team, Start, Due, Status, Kind, Periodicity, Budget, Tools, Aim, Objective, Utm, PromoCode, Comment];

        public ActionFields Read(ParseResult p) => new()
        {
            Title = p.GetValue(Title), Channel = p.GetValue(Channel), Kpi = p.GetValue(Kpi), Target = p.GetValue(Target),
            Baseline = p.GetValue(Baseline), Owner = p.GetValue(Owner), Team = p.GetValue(Team), Start = p.GetValue(Start),
            Due = p.GetValue(Due), Status = p.GetValue(Status), Kind = p.GetValue(Kind), Periodicity = p.GetValue(Periodicity),
            Budget = p.GetValue(Budget), Tools = p.GetValue(Tools), Aim = p.GetValue(Aim), Objective = p.GetValue(Objective),
            Utm = p.GetValue(Utm), PromoCode = p.GetValue(PromoCode), Comment = p.GetValue(Comment),
        };
    }

    private static Command Add(CliHost host)
    {
        var plan = Opt.Arg("PLAN", "plan id or name");
        var fields = new FieldOptions();
        fields.Title.Required = true;
        fields.Channel.Required = true;
        var json = Opt.Json();
        var cmd = new Command("add", "add an action to a plan").With(plan).With(fields.All).With(json);
        cmd.SetAction(async (parse, ct) =>
        {
            var cli = new CliContext(host, parse);
            await using var db = await cli.OpenAsync(ct);
            var found = await PlanLoader.FindAsync(db, parse.GetValue(plan)!, ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var added = await new ActionService(db, host.Clock).AddAsync(found.Id, fields.Read(parse), host.Author, ct);
            await tx.CommitAsync(ct);
            return await PrintAsync(cli, db, added.Id, parse.GetValue(json), cli.T("ajoutée", "added"), ct);
        });
        return cmd;
    }

    private static Command Set(CliHost host)
    {
        var actionArg = Opt.Arg("ACTION", "action id or title");
        var plan = Opt.Text("--plan", "plan id or name, to find the action by title within it");
        var fields = new FieldOptions();
        var spent = Opt.Text("--spent", "amount spent so far");
        var reason = Opt.Text("--reason", "why the target changes (kept in the target history)");
        var removeCode = Opt.Text("--remove-code", "take a tracking code (UTM campaign or promo code) off the action");
        var unlink = Opt.Text("--unlink-objective", "unlink the action from an objective it no longer serves (id or statement)");
        var expect = Opt.ExpectVersion("refuse the edit if the action is no longer at this version");
        var json = Opt.Json();
        var cmd = new Command("set", "edit an action").With(actionArg, plan).With(fields.All).With(removeCode, unlink, spent, reason, expect, json);
        cmd.SetAction(async (parse, ct) =>
        {
            var cli = new CliContext(host, parse);
            await using var db = await cli.OpenAsync(ct);
            int? planId = parse.GetValue(plan) is { } planRef ? (await PlanLoader.FindAsync(db, planRef, ct)).Id : null;
            var target = await ActionLookup.FindAsync(db, planId, parse.GetValue(actionArg)!, ct: ct);
            var f = fields.Read(parse) with
            {
                Spent = parse.GetValue(spent),
                Reason = parse.GetValue(reason),
                RemoveCode = parse.GetValue(removeCode),
                UnlinkObjective = parse.GetValue(unlink),
            };
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await new ActionService(db, host.Clock).SetAsync(target.Id, f, host.Author, parse.GetValue(expect), ct);
            await tx.CommitAsync(ct);
            return await PrintAsync(cli, db, target.Id, parse.GetValue(json), cli.T("modifiée", "updated"), ct);
        });
        return cmd;
    }

    private static Command List(CliHost host)
    {
        var plan = Opt.Arg("PLAN", "plan id or name");
        var status = Opt.Text("--status", "only actions with this status");
        var channel = Opt.Text("--channel", "only actions on this channel");
        var owner = Opt.Text("--owner", "only actions of this owner");
        var date = Opt.Text("--date", "evaluate KPIs as of this day (default: today)");
        var json = Opt.Json();
        var cmd = new Command("list", "list a plan's actions with their KPIs").With(plan, status, channel, owner, date, json);
        cmd.SetAction(async (parse, ct) =>
        {
            var cli = new CliContext(host, parse);
            var asOf = Inputs.ParseOptionalDate(parse.GetValue(date), "--date") ?? host.Today;
            await using var db = await cli.OpenAsync(ct);
            var found = await PlanLoader.FindAsync(db, parse.GetValue(plan)!, ct);
            var statusFilter = parse.GetValue(status) is { } s ? ActionWords.ParseStatus(s) : (ActionStatus?)null;
            var channelFilter = parse.GetValue(channel) is { } c ? (await CatalogLookup.ChannelAsync(db, found.WorkspaceId, c, ct: ct)).Id : (int?)null;
            var ownerFilter = parse.GetValue(owner) is { } o ? ActionWords.Fold(o) : null;
            var report = await PlanReportBuilder.BuildAsync(db, found.Id, asOf, ct);
            var rows = report.Actions.Where(a =>
                (statusFilter is null || a.Action.Status == statusFilter)
                && (channelFilter is null || a.Action.ChannelId == channelFilter)
                && (ownerFilter is null || (a.Action.Owner is { } ow && ActionWords.Fold(ow).Contains(ownerFilter, StringComparison.Ordinal))))
                .ToList();
            if (parse.GetValue(json))
            {
                cli.WriteJson(rows.Select(a => PlanDtos.Action(a, cli.French)).ToList());
                return PiloteCli.Ok;
            }
            PlanView.Write(cli, report with { Actions = rows });
            return PiloteCli.Ok;
        });
        return cmd;
    }

    private static async Task<int> PrintAsync(CliContext cli, Pilote.Data.PiloteDb db, int actionId, bool json, string verb, CancellationToken ct)
    {
        var action = await db.Actions.AsNoTracking().FirstAsync(a => a.Id == actionId, ct);
        var report = await PlanReportBuilder.BuildAsync(db, action.PlanId, cli.Host.Today, ct);
        var row = report.Actions.Single(a => a.Action.Id == actionId);
        if (json)
            cli.WriteJson(PlanDtos.Action(row, cli.French));
        else
            cli.Console.MarkupLine(Markup.Escape($"Action #{actionId} « {row.Action.Title} » {verb} (version {row.Action.Version})."));
        return PiloteCli.Ok;
    }
}
