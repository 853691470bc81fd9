using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pilote.Actions;
using Pilote.Common;
using Pilote.Plans;
using Pilote.Reviews;
using Pilote.Targets;
using Spectre.Console;

namespace Pilote.App.Cli;

internal static class ReviewCommands
{
    public static Command Build(CliHost host)
    {
        var planArg = Opt.Arg("PLAN", "plan id or name");
        var date = Opt.Text("--date", "a day of the week to review (default: last week, the last full week before today's)");
        var week = Opt.Text("--week", "the ISO week to review, e.g. 2026-W47");
        var json = Opt.Json();
        var review = new Command("review", "the weekly review: what to amplify, maintain, adjust or stop, and where the budget should move")
            .With(planArg, date, week, json);
        review.SetAction(async (parse, ct) =>
        {
            var cli = new CliContext(host, parse);
            var day = Day(parse.GetValue(week), parse.GetValue(date), host.Today);
            await using var db = await cli.OpenAsync(ct);
            var plan = await PlanLoader.FindAsync(db, parse.GetValue(planArg)!, ct);
            var result = await new ReviewService(db, host.Clock).GetAsync(plan.Id, day, cli.French, ct);
            if (parse.GetValue(json))
                cli.WriteJson(Dto(result));
            else
                Write(cli, result, plan.Culture);
            return PiloteCli.Ok;
        });
        review.Subcommands.Add(Decide(host));
        review.Subcommands.Add(Log(host));
        return review;
    }

    private static Command Decide(CliHost host)
    {
        var planArg = Opt.Arg("PLAN", "plan id or name");
        var date = Opt.Text("--date", "a day of the week reviewed (default: last week)");
        var week = Opt.Text("--week", "the ISO week reviewed, e.g. 2026-W47");
        var action = Opt.Text("--action", "action id or title", required: true);
        var decision = Opt.Text("--decision", "accept, change or reject the recommendation", required: true);
        var to = Opt.Text("--to", "with change: what the team decides instead (amplify, maintain, adjust, stop)");
        var reason = Opt.Text("--reason", "why (kept in the decision log)", required: true);
        var json = Opt.Json();
        var cmd = new Command("decide", "accept, change or reject a recommendation, with the reason: the decision log")
            .With(planArg, date, week, action, decision, to, reason, json);
        cmd.SetAction(async (parse, ct) =>
        {
            var cli = new CliContext(host, parse);
            var day = Day(parse.GetValue(week), parse.GetValue(date), host.Today);
            await using var db = await cli.OpenAsync(ct);
            var plan = await PlanLoader.FindAsync(db, parse.GetValue(planArg)!, ct);
            var target = await ActionLookup.FindAsync(db, plan.Id, parse.GetValue(action)!, "--action", ct);
            var (d, review) = await new ReviewService(db, host.Clock).DecideAsync(plan.Id, day, target.Id,
                parse.GetValue(decision)!, parse.GetValue(to), parse.GetValue(reason), host.Author, cli.French, ct);
            if (parse.GetValue(json))
                cli.WriteJson(new { review.Week, d.Id, Action = d.ActionId, d.Recommended, Verdict = d.Verdict.ToString().ToLowerInvariant(), d.Chosen, d.Reason, d.DecidedBy, d.DecidedAt });
            else
                host.Out.WriteLine(cli.T(
                    $"Arbitrage consigné pour « {target.Title} » ({review.Week}) : recommandé {VerdictWords.Decision(d.Recommended, true)}, {VerdictWords.Say(d.Verdict.ToString(), d.Chosen, true)}.",
                    $"Decision recorded for '{target.Title}' ({review.Week}): recommended {VerdictWords.Decision(d.Recommended, false)}, {VerdictWords.Say(d.Verdict.ToString(), d.Chosen, false)}."));
            return PiloteCli.Ok;
        });
        return cmd;
    }

    private static Command Log(CliHost host)
    {
        var planArg = Opt.Arg("PLAN", "plan id or name");
        var json = Opt.Json();
        var cmd = new Command("log", "the decision log: every recommendation accepted, changed or rejected, and why").With(planArg, json);
        cmd.SetAction(async (parse, ct) =>
        {
            var cli = new CliContext(host, parse);
            await using var db = await cli.OpenAsync(ct);
            var plan = await PlanLoader.FindAsync(db, parse.GetValue(planArg)!, ct);
            var log = await new ReviewService(db, host.Clock).LogAsync(plan.Id, ct);
            if (parse.GetValue(json))
            {
                cli.WriteJson(log.Select(l => new { l.Week, l.Line.Id, Action = l.Line.ActionId, l.Line.Recommended, l.Line.Verdict, l.Line.Chosen, l.Line.Reason, l.Line.DecidedBy, l.Line.DecidedAt }));
                return PiloteCli.Ok;
            }
            if (log.Count == 0)
            {
                host.Out.WriteLine(cli.T("Aucun arbitrage consigné.", "No decision recorded."));
                return PiloteCli.Ok;
            }
            var c = cli.Culture(plan.Culture);
            var titles = await db.Actions.Where(a => a.PlanId == plan.Id).ToDictionaryAsync(a => a.Id, a => a.Title, ct);
            var table = Tables.Create(cli.T("Semaine", "Week"), "Action", cli.T("Recommandé", "Recommended"), cli.T("Arbitrage", "Decision"), cli.T("Raison", "Reason"), cli.T("Par", "By"), cli.T("Le", "On"));
            foreach (var (w, l) in log)
                table.AddRow(w, Tables.Esc(titles.GetValueOrDefault(l.ActionId, $"#{l.ActionId}")), VerdictWords.Decision(l.Recommended, cli.French),
                    Tables.Esc(VerdictWords.Say(l.Verdict, l.Chosen, cli.French)), Tables.Esc(l.Reason), Tables.Esc(l.DecidedBy),
                    Formats.Date(Formats.Day(l.DecidedAt, host.Clock.LocalTimeZone), c));
            cli.Console.Write(table);
            return PiloteCli.Ok;
        });
        return cmd;
    }

    /// <summary>--week 2026-W47 (or a date), else --date, else a day of last week: the review looks back at a full week.</summary>
    internal static DateOnly Day(string? week, string? date, DateOnly today)
    {
        if (week is { } w)
        {
            var m = System.Text.RegularExpressions.Regex.Match(w.Trim(), @"^(\d{4})-?W(\d{1,2})$", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
            if (m.Success)
            {
                var year = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                var number = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
                if (number < 1 || number > ISOWeek.GetWeeksInYear(year))
                    throw new PiloteInputException($"--week : l'année {year} n'a pas de semaine {number}", $"--week: {year} has no week {number}");
                return DateOnly.FromDateTime(ISOWeek.ToDateTime(year, number, DayOfWeek.Monday));
            }
            return Inputs.ParseDate(w, "--week");
        }
        return Inputs.ParseOptionalDate(date, "--date") ?? today.AddDays(-7);
    }

    internal static object Dto(ReviewResult r) => new
    {
        r.Week, r.WeekStart, r.WeekEnd, Plan = r.PlanId, PlanName = r.Plan, r.Currency, r.ComputedAt, r.FromSnapshot,
        Kpis = r.Kpis,
        Recommendations = r.Recommendations.Select(x => new { Action = x.ActionId, ActionTitle = x.Action, x.Decision, x.Reason, x.Numbers }),
        Reallocation = r.Reallocation.Select(x => new { From = x.FromId, FromTitle = x.From, To = x.ToId, ToTitle = x.To, x.Amount, x.Weekly, x.Reason }),
        r.Notes,
        r.Decisions,
    };

    // The JSON keeps the ids (improving, stable, worsening); people read words.
    private static string TrendLabel(CliContext cli, string? trend) => trend switch
    {
        "improving" => cli.T("en amélioration", "improving"),
        "worsening" => cli.T("en dégradation", "worsening"),
        "stable" => "stable",
        _ => "—",
    };

    private static void Write(CliContext cli, ReviewResult r, string planCulture)
    {
        var console = cli.Console;
        // The plan's culture in French (a fr-BE plan prints Belgian formats), en-GB in English: as the reasons are written.
        var c = cli.Culture(planCulture);
        console.MarkupLine(Tables.Esc(cli.T(
            $"Revue {r.Week} ({Formats.Date(r.WeekStart, c)} → {Formats.Date(r.WeekEnd, c)}) du plan « {r.Plan} »{(r.FromSnapshot ? " — chiffres tels qu'arbitrés cette semaine-là" : "")}",
            $"Review {r.Week} ({Formats.Date(r.WeekStart, c)} → {Formats.Date(r.WeekEnd, c)}) of plan '{r.Plan}'{(r.FromSnapshot ? " — numbers as decided that week" : "")}")));
        var kpis = Tables.Create("Action", "KPI", cli.T("Semaine", "Week"), cli.T("À date", "To date"), cli.T("Cible", "Target"), cli.T("Rythme", "Pace"), cli.T("Prévision", "Forecast"), cli.T("Tendance", "Trend"), cli.T("Statut", "Status"));
        foreach (var k in r.Kpis)
        {
            var unit = Enum.TryParse<Kpis.KpiUnit>(k.Unit, true, out var u) ? u : Kpis.KpiUnit.Count;
            var status = KpiStatusIds.FromId(k.Status);
            kpis.AddRow(Tables.Esc(k.Action), Tables.Esc(k.KpiName), Formats.Kpi(k.Week, unit, r.Currency, c), Formats.Kpi(k.ToDate, unit, r.Currency, c), Tables.Esc(k.Target),
                Formats.Attainment(k.Pace, c), Formats.Kpi(k.Forecast, unit, r.Currency, c), TrendLabel(cli, k.Trend),
                status is { } s ? Tables.Status(s, cli.French) : Tables.Esc(k.Status));
        }
        // An empty table says nothing: a plan with no KPI to review, or no live action to judge, is told so in words.
        if (r.Kpis.Count > 0)
            console.Write(kpis);
        else
            console.MarkupLine(Tables.Esc(cli.T("• aucun indicateur à revoir : aucune action du plan n'a encore de KPI",
                "• no KPI to review: no action of the plan has a KPI yet")));
        var recs = Tables.Create("Action", cli.T("Recommandation", "Recommendation"), cli.T("Pourquoi", "Why"));
        foreach (var x in r.Recommendations)
        {
            var colour = x.Decision switch { "amplify" => "green", "stop" => "red", "adjust" => "yellow", _ => "default" };
            var label = Recommender.Parse(x.Decision)!.Value.Label(cli.French);
            recs.AddRow(Tables.Esc(x.Action), $"[{colour}]{label}[/]", Tables.Esc(x.Reason));
        }
        if (r.Recommendations.Count > 0)
            console.Write(recs);
        // Before the plan starts or after it ends the notes say why; "no action is live" would be untrue.
        else if (!r.OutsidePlan)
            console.MarkupLine(Tables.Esc(cli.T("• aucune recommandation cette semaine : aucune action n'est en cours",
                "• no recommendation this week: no action is live")));
        if (r.Reallocation.Count > 0)
        {
            var moves = Tables.Create(cli.T("De", "From"), cli.T("Vers", "To"), cli.T("Montant", "Amount"), cli.T("Pourquoi", "Why"));
            foreach (var m in r.Reallocation)
                moves.AddRow(Tables.Esc(m.From), Tables.Esc(m.To), Formats.Money(m.Amount, r.Currency, c), Tables.Esc(m.Reason));
            console.Write(moves);
        }
        foreach (var n in r.Notes)
            console.MarkupLine(Tables.Esc("• " + n));
        foreach (var d in r.Decisions)
            console.MarkupLine(Tables.Esc(cli.T(
                $"Arbitrage #{d.Id} — action #{d.ActionId} : {VerdictWords.Say(d.Verdict, d.Chosen, true)} ({d.Reason}, {d.DecidedBy})",
                $"Decision #{d.Id} — action #{d.ActionId}: {VerdictWords.Say(d.Verdict, d.Chosen, false)} ({d.Reason}, {d.DecidedBy})")));
    }
}
