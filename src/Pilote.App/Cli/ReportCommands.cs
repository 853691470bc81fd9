using System.CommandLine;
using Pilote.App.Reports;
using Pilote.Common;
using Pilote.Plans;

namespace Pilote.App.Cli;

/// <summary><c>pilote report</c>: the steering committee's pack, as a web page or a PowerPoint deck.</summary>
internal static class ReportCommands
{
    public static Command Build(CliHost host)
    {
        var planArg = Opt.Arg("PLAN", "plan id or name");
        var format = Opt.Text("--format", "html or pptx", required: true);
        var output = Opt.Text("-o", "the file to write", required: true);
        var from = Opt.Text("--from", "start of the period reported (default: the plan's start)");
        var to = Opt.Text("--to", "end of the period, KPIs as of this day (default: today)");
        var cmd = new Command("report", "the committee report: summary, objectives with their KPIs and charts, decisions and audit findings")
            .With(planArg, format, output, from, to);
        cmd.SetAction(async (parse, ct) =>
        {
            var cli = new CliContext(host, parse);
            var id = ReportExports.Format(parse.GetValue(format));
            var start = Inputs.ParseOptionalDate(parse.GetValue(from), "--from");
            var end = Inputs.ParseOptionalDate(parse.GetValue(to), "--to");
            await using var db = await cli.OpenAsync(ct);
            var plan = await PlanLoader.FindAsync(db, parse.GetValue(planArg)!, ct);
            var path = parse.GetValue(output)!;
            var report = await ReportExports.WriteFileAsync(db, plan.Id, id, path, start, end, host.Today, cli.French, host.Clock, ct);
            host.Out.WriteLine(cli.T(
                $"Rapport du plan #{plan.Id} « {plan.Name} » ({id}, {Formats.Many(report.Objectives.Count, "section", "sections", true)}, {Formats.Many(report.Decisions.Count, "arbitrage", "arbitrages", true)}, {Formats.Many(report.Audit.Findings.Count, "constat", "constats", true)}) : {path}",
                $"Report of plan #{plan.Id} '{plan.Name}' ({id}, {Formats.Many(report.Objectives.Count, "section", "sections", false)}, {Formats.Many(report.Decisions.Count, "decision", "decisions", false)}, {Formats.Many(report.Audit.Findings.Count, "finding", "findings", false)}): {path}"));
            return PiloteCli.Ok;
        });
        return cmd;
    }
}
