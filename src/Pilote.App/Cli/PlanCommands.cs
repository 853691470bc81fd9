using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Pilote.App.Plans;
using Pilote.Common;
using Pilote.Plans;
using Spectre.Console;

namespace Pilote.App.Cli;

internal static class PlanCommands
{
    public static Command Build(CliHost host)
    {
        var plan = new Command("plan", "create, list and show plans");
        plan.Subcommands.Add(New(host));
        plan.Subcommands.Add(List(host));
        plan.Subcommands.Add(Show(host));
        plan.Subcommands.Add(PlanExportCommands.Export(host));
        plan.Subcommands.Add(PlanImportCommands.Import(host));
        return plan;
    }

    private static Command New(CliHost host)
    {
        var name = Opt.Text("--name", "the plan's name", required: true);
        var template = Opt.Text("--template", "kpi-driven (default), numerique (the seven digital levers) or vierge");
        var start = Opt.Text("--start", "first day (YYYY-MM-DD or DD/MM/YYYY; default: this quarter)");
        var end = Opt.Text("--end", "last day");
        var budget = Opt.Text("--budget", "total budget, e.g. 50000 or \"50 000\"");
        var currency = Opt.Text("--currency", "ISO currency (default EUR)");
        var culture = Opt.Text("--culture", "how amounts and dates are written (default fr-FR; en-GB, fr-BE…)");
        var workspace = Opt.Text("--workspace", "workspace slug, id or name (default: your default workspace)");
        var json = Opt.Json();
        var cmd = new Command("new", "create a plan").With(name, template, start, end, budget, currency, culture, workspace, json);
        cmd.SetAction(async (parse, ct) =>
        {
            var cli = new CliContext(host, parse);
            await using var db = await cli.OpenAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var ws = await WorkspaceService.ResolveAsync(db, host.Clock, parse.GetValue(workspace), ct);
            var created = await new PlanService(db, host.Clock).CreateAsync(ws.Id, new PlanFields(
                parse.GetValue(name)!, parse.GetValue(template), parse.GetValue(start), parse.GetValue(end),
                parse.GetValue(budget), parse.GetValue(currency), Culture: parse.GetValue(culture)), ct);
            await tx.CommitAsync(ct);
            if (parse.GetValue(json))
                cli.WriteJson(new { created.Id, created.Name, created.Start, created.End, created.Currency, created.Budget, Template = PlanDtos.TemplateId(created.Template), Actions = created.Actions.Count });
            else
                host.Out.WriteLine(cli.T($"Plan #{created.Id} « {created.Name} » créé ({cli.Actions(created.Actions.Count)}).",
                    $"Plan #{created.Id} '{created.Name}' created ({cli.Actions(created.Actions.Count)})."));
            return PiloteCli.Ok;
        });
        return cmd;
    }

    private static Command List(CliHost host)
    {
        var json = Opt.Json();
        var cmd = new Command("list", "list plans").With(json);
        cmd.SetAction(async (parse, ct) =>
        {
            var cli = new CliContext(host, parse);
            await using var db = await cli.OpenAsync(ct);
            var items = await db.Plans.AsNoTracking().OrderBy(p => p.Id)
                .Select(p => new PlanListItem(p.Id, p.Name, p.Workspace!.Name, p.Start, p.End, p.Currency, p.Budget, p.Actions.Count))
                .ToListAsync(ct);
            if (parse.GetValue(json))
            {
                cli.WriteJson(items);
                return PiloteCli.Ok;
            }
            if (items.Count == 0)
            {
                host.Out.WriteLine(cli.T("Aucun plan. Créez-en un avec 'pilote plan new --name …' ou chargez la démo avec 'pilote demo'.",
                    "No plans yet. Create one with 'pilote plan new --name …' or load the demo with 'pilote demo'."));
                return PiloteCli.Ok;
            }
            var c = cli.Culture("fr-FR");
            var table = Tables.Create("#", cli.T("Plan", "Plan"), cli.T("Espace", "Workspace"), cli.T("Période", "Period"), "Budget", "Actions");
            foreach (var p in items)
                table.AddRow(p.Id.ToString(), Tables.Esc(p.Name), Tables.Esc(p.Workspace),
                    $"{Formats.Date(p.Start, c)} → {Formats.Date(p.End, c)}", Formats.Money(p.Budget, p.Currency, c), p.Actions.ToString());
            cli.Console.Write(table);
            return PiloteCli.Ok;
        });
        return cmd;
    }

    private static Command Show(CliHost host)
    {
        var planArg = Opt.Arg("PLAN", "plan id or name");
        var date = Opt.Text("--date", "evaluate as of this day (default: today)");
        var json = Opt.Json();
        var cmd = new Command("show", "show a plan: objectives, actions, KPIs against their targets").With(planArg, date, json);
        cmd.SetAction(async (parse, ct) =>
        {
            var cli = new CliContext(host, parse);
            var asOf = Inputs.ParseOptionalDate(parse.GetValue(date), "--date") ?? host.Today;
            await using var db = await cli.OpenAsync(ct);
            var found = await PlanLoader.FindAsync(db, parse.GetValue(planArg)!, ct);
            var report = await PlanReportBuilder.BuildAsync(db, found.Id, asOf, ct);
            if (parse.GetValue(json))
                cli.WriteJson(PlanDtos.Detail(report, cli.French));
            else
                PlanView.Write(cli, report);
            return PiloteCli.Ok;
        });
        return cmd;
    }
}
