using System.CommandLine;
using Pilote.Objectives;
using Pilote.Plans;

namespace Pilote.App.Cli;

internal static class ObjectiveCommands
{
    public static Command Build(CliHost host)
    {
        var objective = new Command("objective", "SMART objectives of a plan");
        var plan = Opt.Arg("PLAN", "plan id or name");
        var statement = Opt.Text("--statement", "the objective, e.g. \"Générer 5 000 leads qualifiés via le SEA d'ici la fin du trimestre\"", required: true);
        var kpi = Opt.Text("--kpi", "the KPI that measures it (leads, cpl, taux_ouverture…)");
        var target = Opt.Text("--target", "quantified target (\"5 000\", \">25%\", \"+20%\")");
        var baseline = Opt.Text("--baseline", "where it starts from (for +20%)");
        var deadline = Opt.Text("--deadline", "when (YYYY-MM-DD or DD/MM/YYYY)");
        var owner = Opt.Text("--owner", "who answers for it");
        var json = Opt.Json();
        var add = new Command("add", "add an objective; says what it lacks to be SMART").With(plan, statement, kpi, target, baseline, deadline, owner, json);
        add.SetAction(async (parse, ct) =>
        {
            var cli = new CliContext(host, parse);
            await using var db = await cli.OpenAsync(ct);
            var found = await PlanLoader.FindAsync(db, parse.GetValue(plan)!, ct);
            var created = await new ObjectiveService(db).AddAsync(found.Id, new ObjectiveFields(
                parse.GetValue(statement)!, parse.GetValue(kpi), parse.GetValue(target), parse.GetValue(baseline),
                parse.GetValue(deadline), parse.GetValue(owner)), ct);
            var smart = SmartCheck.Check(created);
            if (parse.GetValue(json))
            {
                cli.WriteJson(new { created.Id, created.Statement, Metric = created.KpiKey, Target = created.TargetText, created.Deadline, created.Owner, Smart = smart });
                return PiloteCli.Ok;
            }
            host.Out.WriteLine(cli.T($"Objectif #{created.Id} ajouté.", $"Objective #{created.Id} added."));
            if (!smart.Ok)
                host.Out.WriteLine(cli.T("Pas encore SMART : ", "Not SMART yet: ")
                    + string.Join(", ", smart.Missing.Select(m => SmartCheck.Label(m, cli.French))) + ".");
            return PiloteCli.Ok;
        });
        objective.Subcommands.Add(add);
        return objective;
    }
}
