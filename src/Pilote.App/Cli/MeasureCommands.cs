using System.CommandLine;
using Pilote.Actions;
using Pilote.Common;
using Pilote.Measurements;
using Pilote.Plans;

namespace Pilote.App.Cli;

internal static class MeasureCommands
{
    public static Command Build(CliHost host)
    {
        var measures = new Command("measures", "record measurements");
        var plan = Opt.Arg("PLAN", "plan id or name");
        var action = Opt.Text("--action", "action id or title", required: true);
        var metric = Opt.Text("--metric", "metric key (leads, spend, clicks, delivered, unique_opens…)", required: true);
        var date = Opt.Text("--date", "the day measured, or the first day of a period", required: true);
        var end = Opt.Text("--end", "last day of the period (default: the same day)");
        var value = Opt.Text("--value", "the value (\"1 234\", \"56,78\")", required: true);
        var json = Opt.Json();
        var add = new Command("add", "record one value of a metric for an action").With(plan, action, metric, date, end, value, json);
        add.SetAction(async (parse, ct) =>
        {
            var cli = new CliContext(host, parse);
            await using var db = await cli.OpenAsync(ct);
            var found = await PlanLoader.FindAsync(db, parse.GetValue(plan)!, ct);
            var target = await ActionLookup.FindAsync(db, found.Id, parse.GetValue(action)!, "--action", ct);
            var (m, warnings) = await new MeasurementService(db, host.Clock).AddAsync(target.Id, parse.GetValue(metric)!,
                parse.GetValue(date)!, parse.GetValue(end), parse.GetValue(value)!, ct);
            // As measures import: the JSON's warnings in English, the human ones on stderr in the reader's language.
            if (parse.GetValue(json))
                cli.WriteJson(new { m.Id, Action = m.ActionId, m.Metric, Start = m.PeriodStart, End = m.PeriodEnd, m.Value, m.Source, Warnings = warnings.Select(w => w.English) });
            else
            {
                // In the reader's culture, as every human line: « 120,5 », not the invariant « 120.50 » it printed.
                var value = Formats.Measure(m.Value, cli.Culture(found.Culture));
                host.Out.WriteLine(cli.T($"Mesure enregistrée : {m.Metric} = {value} pour l'action #{m.ActionId}.",
                    $"Measurement recorded: {m.Metric} = {value} for action #{m.ActionId}."));
                foreach (var (french, english) in warnings)
                    host.Err.WriteLine($"pilote: {cli.T(french, english)}");
            }
            return PiloteCli.Ok;
        });
        measures.Subcommands.Add(add);
        measures.Subcommands.Add(MeasureImportCommands.Import(host));
        measures.Subcommands.Add(MeasureImportCommands.Batches(host));
        measures.Subcommands.Add(MeasureImportCommands.Undo(host));
        measures.Subcommands.Add(MeasureImportCommands.Unmatched(host));
        measures.Subcommands.Add(MeasureImportCommands.Assign(host));
        return measures;
    }
}
