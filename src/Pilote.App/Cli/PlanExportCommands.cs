using System.CommandLine;
using Pilote.App.Plans;
using Pilote.Common;
using Pilote.Plans;

namespace Pilote.App.Cli;

/// <summary><c>pilote plan export</c>: the plan as the workbooks and files people use.</summary>
internal static class PlanExportCommands
{
    public static Command Export(CliHost host)
    {
        var planArg = Opt.Arg("PLAN", "plan id or name");
        var format = Opt.Text("--format", "kpi-driven, numerique, complet, csv or json", required: true);
        var output = Opt.Text("-o", "the file to write", required: true);
        var date = Opt.Text("--date", "evaluate as of this day (default: today)");
        var cmd = new Command("export", "write the plan as a workbook, CSV or JSON").With(planArg, format, output, date);
        cmd.SetAction(async (parse, ct) =>
        {
            var cli = new CliContext(host, parse);
            var id = parse.GetValue(format)!.Trim().ToLowerInvariant();
            if (!PlanExports.FormatIds.Contains(id))
                throw new PiloteInputException($"--format : « {parse.GetValue(format)} » n'est pas un format d'export (utilisez {string.Join(", ", PlanExports.FormatIds)})",
                    $"--format: '{parse.GetValue(format)}' is not an export format (use {string.Join(", ", PlanExports.FormatIds)})");
            var asOf = Inputs.ParseOptionalDate(parse.GetValue(date), "--date") ?? host.Today;
            await using var db = await cli.OpenAsync(ct);
            var found = await PlanLoader.FindAsync(db, parse.GetValue(planArg)!, ct);
            var report = await PlanExports.ReportAsync(db, found.Id, asOf, ct);
            var path = parse.GetValue(output)!;
            await PlanExports.WriteAsync(db, report, id, path, cli.French, host.Clock.GetUtcNow(), ct);
            host.Out.WriteLine(cli.T($"Plan #{found.Id} « {found.Name} » exporté ({id}, {cli.Actions(report.Actions.Count)}) : {path}",
                $"Plan #{found.Id} '{found.Name}' exported ({id}, {cli.Actions(report.Actions.Count)}): {path}"));
            return PiloteCli.Ok;
        });
        return cmd;
    }
}
