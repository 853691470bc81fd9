using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Pilote.App.Plans;
using Pilote.Kpis;
using Pilote.Plans;
using Spectre.Console;

namespace Pilote.App.Cli;

/// <summary><c>pilote catalog</c>: the workspace's channels, KPIs and metrics, and adding its own.</summary>
internal static class CatalogCommands
{
    public static Command Build(CliHost host)
    {
        var catalog = new Command("catalog", "the channels, KPIs and metrics of a workspace");
        catalog.Subcommands.Add(List(host));
        catalog.Subcommands.Add(AddMetric(host));
        catalog.Subcommands.Add(AddKpi(host));
        catalog.Subcommands.Add(AddChannel(host));
        return catalog;
    }

    private static Option<string?> Workspace() => Opt.Text("--workspace", "workspace slug, id or name (default: your default workspace)");

    private static Command List(CliHost host)
    {
        var workspace = Workspace();
        var json = Opt.Json();
        var cmd = new Command("list", "list channels with their KPIs, and every KPI's formula").With(workspace, json);
        cmd.SetAction(async (parse, ct) =>
        {
            var cli = new CliContext(host, parse);
            await using var db = await cli.OpenAsync(ct);
            var ws = await WorkspaceService.ResolveAsync(db, host.Clock, parse.GetValue(workspace), ct);
            var channels = await db.Channels.AsNoTracking().Include(c => c.Kpis).ThenInclude(k => k.Kpi)
                .Where(c => c.WorkspaceId == ws.Id).OrderBy(c => c.Position).ToListAsync(ct);
            var kpis = await db.KpiDefinitions.AsNoTracking().Where(k => k.WorkspaceId == ws.Id).OrderBy(k => k.Id).ToListAsync(ct);
            var metrics = await db.MetricDefinitions.AsNoTracking().Where(m => m.WorkspaceId == ws.Id).OrderBy(m => m.Id).ToListAsync(ct);
            if (parse.GetValue(json))
            {
                cli.WriteJson(new
                {
                    Channels = channels.Select(c => new { c.Key, c.Name, Family = c.Family.ToString().ToLowerInvariant(), c.Aim, Kpis = c.Kpis.OrderBy(k => k.Position).Select(k => k.Kpi!.Key) }),
                    Kpis = kpis.Select(k => new { k.Key, k.Name, k.Expression, Unit = PlanDtos.UnitId(k.Unit), Direction = k.Direction == Direction.HigherIsBetter ? "higher" : "lower", Kind = k.DefaultKind.ToString().ToLowerInvariant() }),
                    Metrics = metrics.Select(m => new { m.Key, m.Name, Aggregation = m.Aggregation.ToString().ToLowerInvariant(), Weight = m.WeightMetric, Unit = PlanDtos.UnitId(m.Unit) }),
                });
                return PiloteCli.Ok;
            }
            var ct1 = Tables.Create(cli.T("Canal", "Channel"), cli.T("Clé", "Key"), cli.T("Objectif", "Aim"), cli.T("KPI principaux", "Main KPIs"));
            foreach (var c in channels)
                ct1.AddRow(Tables.Esc(c.Name), c.Key, Tables.Esc(c.Aim), Tables.Esc(string.Join(", ", c.Kpis.OrderBy(k => k.Position).Select(k => k.Kpi!.Name))));
            cli.Console.Write(ct1);
            var kt = Tables.Create("KPI", cli.T("Clé", "Key"), cli.T("Formule", "Formula"), cli.T("Unité", "Unit"), cli.T("Sens", "Better"));
            foreach (var k in kpis)
                kt.AddRow(Tables.Esc(k.Name), k.Key, Tables.Esc(k.Expression), PlanDtos.UnitId(k.Unit),
                    k.Direction == Direction.HigherIsBetter ? cli.T("plus haut", "higher") : cli.T("plus bas", "lower"));
            cli.Console.Write(kt);
            return PiloteCli.Ok;
        });
        return cmd;
    }

    private static Command AddMetric(CliHost host)
    {
        var workspace = Workspace();
        var key = Opt.Text("--key", "stable key, e.g. demo_requests", required: true);
        var name = Opt.Text("--name", "the name people read", required: true);
        var aggregation = Opt.Text("--aggregation", "sum (default), weighted, last or distinct");
        var weight = Opt.Text("--weight", "for weighted: the metric it is weighted by");
        var unit = Opt.Text("--unit", "count (default), currency, seconds, rank, percent, ratio");
        var cmd = new Command("add-metric", "add a metric the workspace's tools export").With(workspace, key, name, aggregation, weight, unit);
        cmd.SetAction(async (parse, ct) =>
        {
            var cli = new CliContext(host, parse);
            await using var db = await cli.OpenAsync(ct);
            var ws = await WorkspaceService.ResolveAsync(db, host.Clock, parse.GetValue(workspace), ct);
            var m = await new CatalogService(db).AddMetricAsync(ws.Id, parse.GetValue(key)!, parse.GetValue(name)!,
                parse.GetValue(aggregation) ?? "sum", parse.GetValue(weight), parse.GetValue(unit) ?? "count", ct);
            host.Out.WriteLine(cli.T($"Métrique « {m.Key} » ajoutée.", $"Metric '{m.Key}' added."));
            return PiloteCli.Ok;
        });
        return cmd;
    }

    private static Command AddKpi(CliHost host)
    {
        var workspace = Workspace();
        var key = Opt.Text("--key", "stable key, e.g. cout_demo", required: true);
        var name = Opt.Text("--name", "the name people read", required: true);
        var expression = Opt.Text("--expression", "formula over metrics, e.g. \"spend / demo_requests\"", required: true);
        var unit = Opt.Text("--unit", "count, percent, currency, seconds, rank or ratio", required: true);
        var direction = Opt.Text("--direction", "higher or lower (which is better)", required: true);
        var kind = Opt.Text("--kind", "cumulative or rate (default: from the formula)");
        var cmd = new Command("add-kpi", "add a KPI defined by a formula over metrics").With(workspace, key, name, expression, unit, direction, kind);
        cmd.SetAction(async (parse, ct) =>
        {
            var cli = new CliContext(host, parse);
            await using var db = await cli.OpenAsync(ct);
            var ws = await WorkspaceService.ResolveAsync(db, host.Clock, parse.GetValue(workspace), ct);
            var k = await new CatalogService(db).AddKpiAsync(ws.Id, parse.GetValue(key)!, parse.GetValue(name)!, parse.GetValue(expression)!,
                parse.GetValue(unit)!, parse.GetValue(direction)!, parse.GetValue(kind), ct);
            host.Out.WriteLine(cli.T($"KPI « {k.Key} » ajouté : {k.Expression}.", $"KPI '{k.Key}' added: {k.Expression}."));
            return PiloteCli.Ok;
        });
        return cmd;
    }

    private static Command AddChannel(CliHost host)
    {
        var workspace = Workspace();
        var key = Opt.Text("--key", "stable key, e.g. webinars", required: true);
        var name = Opt.Text("--name", "the name people read", required: true);
        var family = Opt.Text("--family", "digital (default), offline, pos or messaging");
        var aim = Opt.Text("--aim", "what the channel is for");
        var kpis = Opt.Text("--kpis", "its main KPIs, comma-separated keys or names");
        var cmd = new Command("add-channel", "add a channel with its main KPIs").With(workspace, key, name, family, aim, kpis);
        cmd.SetAction(async (parse, ct) =>
        {
            var cli = new CliContext(host, parse);
            await using var db = await cli.OpenAsync(ct);
            var ws = await WorkspaceService.ResolveAsync(db, host.Clock, parse.GetValue(workspace), ct);
            var list = (parse.GetValue(kpis) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var c = await new CatalogService(db).AddChannelAsync(ws.Id, parse.GetValue(key)!, parse.GetValue(name)!, parse.GetValue(family), parse.GetValue(aim), list, ct);
            host.Out.WriteLine(cli.T($"Canal « {c.Name} » ({c.Key}) ajouté.", $"Channel '{c.Name}' ({c.Key}) added."));
            return PiloteCli.Ok;
        });
        return cmd;
    }
}
