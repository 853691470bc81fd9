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
        objective.Subcommands.Add(Set(host));
        objective.Subcommands.Add(List(host));
        return objective;
    }

    /// <summary>
    /// <c>objective set</c>: what the audit's objective findings ask for (a KPI, a number, a deadline, an owner), on the
    /// same service as the web app's objectives page and the API's PATCH. An empty value clears the field.
    /// </summary>
    private static Command Set(CliHost host)
    {
        var id = Opt.Arg("OBJECTIVE", "objective id (6 or #6)");
        var statement = Opt.Text("--statement", "the objective's new wording");
        var kpi = Opt.Text("--kpi", "the KPI that measures it; \"\" clears it");
        var target = Opt.Text("--target", "quantified target (\"5 000\", \">25%\", \"+20%\"); \"\" clears it");
        var baseline = Opt.Text("--baseline", "where it starts from (for +20%)");
        var deadline = Opt.Text("--deadline", "when (YYYY-MM-DD or DD/MM/YYYY); \"\" clears it");
        var owner = Opt.Text("--owner", "who answers for it; \"\" clears it");
        var expect = Opt.ExpectVersion("refuse the edit if the objective is no longer at this version");
        var json = Opt.Json();
        var set = new Command("set", "edit an objective; says what it still lacks to be SMART").With(id, statement, kpi, target, baseline, deadline, owner, expect, json);
        set.SetAction(async (parse, ct) =>
        {
            var cli = new CliContext(host, parse);
            var text = parse.GetValue(id)!.Trim().TrimStart('#');
            if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var objectiveId))
                throw new Common.PiloteInputException($"OBJECTIVE : « {parse.GetValue(id)} » n'est pas un numéro d'objectif (pilote objective list PLAN les donne)",
                    $"OBJECTIVE: '{parse.GetValue(id)}' is not an objective id (pilote objective list PLAN gives them)");
            await using var db = await cli.OpenAsync(ct);
            var changed = await new ObjectiveService(db).SetAsync(objectiveId, new ObjectiveChanges(parse.GetValue(statement), parse.GetValue(kpi),
                parse.GetValue(target), parse.GetValue(baseline), parse.GetValue(deadline), parse.GetValue(owner)), parse.GetValue(expect), ct);
            var smart = SmartCheck.Check(changed);
            if (parse.GetValue(json))
            {
                cli.WriteJson(Row(changed, smart));
                return PiloteCli.Ok;
            }
            host.Out.WriteLine(cli.T($"Objectif #{changed.Id} modifié (version {changed.Version}).", $"Objective #{changed.Id} changed (version {changed.Version})."));
            host.Out.WriteLine(smart.Ok
                ? cli.T("SMART : rien ne manque.", "SMART: nothing is missing.")
                : cli.T("Pas encore SMART : ", "Not SMART yet: ") + string.Join(", ", smart.Missing.Select(m => SmartCheck.Label(m, cli.French))) + ".");
            return PiloteCli.Ok;
        });
        return set;
    }

    private static Command List(CliHost host)
    {
        var plan = Opt.Arg("PLAN", "plan id or name");
        var json = Opt.Json();
        var list = new Command("list", "a plan's objectives, with what each lacks to be SMART").With(plan, json);
        list.SetAction(async (parse, ct) =>
        {
            var cli = new CliContext(host, parse);
            await using var db = await cli.OpenAsync(ct);
            var found = await PlanLoader.FindAsync(db, parse.GetValue(plan)!, ct);
            var objectives = db.Objectives.Where(o => o.PlanId == found.Id).OrderBy(o => o.Id).ToList();
            if (parse.GetValue(json))
            {
                cli.WriteJson(objectives.Select(o => Row(o, SmartCheck.Check(o))));
                return PiloteCli.Ok;
            }
            var culture = cli.Culture(found.Culture);
            if (objectives.Count == 0)
                host.Out.WriteLine(cli.T($"Aucun objectif : ajoutez-en avec « pilote objective add {found.Id} --statement … --kpi … --target … »",
                    $"No objective yet: add one with 'pilote objective add {found.Id} --statement … --kpi … --target …'"));
            foreach (var o in objectives)
            {
                var smart = SmartCheck.Check(o);
                var deadline = Common.Formats.Date(o.Deadline, culture);
                host.Out.WriteLine($"#{o.Id} {o.Statement}");
                host.Out.WriteLine(cli.T(
                    $"    indicateur {o.KpiKey ?? "—"} · cible {o.TargetText ?? "—"} · échéance {deadline} · responsable {o.Owner ?? "—"}",
                    $"    metric {o.KpiKey ?? "—"} · target {o.TargetText ?? "—"} · deadline {deadline} · owner {o.Owner ?? "—"}")
                    + (smart.Ok ? "" : cli.T(" · manque : ", " · missing: ") + string.Join(", ", smart.Missing.Select(m => SmartCheck.Label(m, cli.French)))));
            }
            return PiloteCli.Ok;
        });
        return list;
    }

    private static object Row(Objective o, SmartResult smart) =>
        new { o.Id, o.Version, o.Statement, Metric = o.KpiKey, Target = o.TargetText, o.Deadline, o.Owner, Smart = smart };
}
