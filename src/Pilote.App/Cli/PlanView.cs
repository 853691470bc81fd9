using Pilote.Actions;
using Pilote.Common;
using Pilote.Objectives;
using Pilote.Plans;
using Pilote.Targets;
using Spectre.Console;

namespace Pilote.App.Cli;

/// <summary>The human form of <c>plan show</c>: the summary zone, the objectives with their SMART check, the action table.</summary>
internal static class PlanView
{
    public static void Write(CliContext cli, PlanReport report)
    {
        var p = report.Plan;
        var c = cli.Culture(p.Culture);
        var fr = cli.French;
        var console = cli.Console;
        console.MarkupLine($"[bold]#{p.Id} {Markup.Escape(p.Name)}[/]  {Formats.Date(p.Start, c)} → {Formats.Date(p.End, c)}  "
            + $"{cli.T("budget", "budget")} {Formats.Money(p.Budget, p.Currency, c)}  ({cli.T("au", "as of")} {Formats.Date(report.AsOf, c)})");
        var s = report.Summary;
        var byStatus = string.Join(" · ", s.ByStatus.Where(kv => kv.Value > 0).Select(kv => $"{kv.Key.Label(fr)} {kv.Value}"));
        var count = s.Actions == 1 ? "1 action" : $"{s.Actions} actions";
        console.MarkupLine(Markup.Escape(byStatus.Length > 0 ? $"{count} — {byStatus}" : count));
        console.MarkupLine(Markup.Escape($"{cli.T("Budget des actions", "Actions' budget")} {Formats.Money(s.Budget, p.Currency, c)}, "
            + $"{cli.T("dépensé", "spent")} {Formats.Money(s.Spent, p.Currency, c)}"));
        var kpiLine = string.Join(" · ", s.KpisByStatus.Where(kv => kv.Value > 0).Select(kv => $"{kv.Key.Label(fr)} {kv.Value}"));
        if (kpiLine.Length > 0)
            console.MarkupLine(Markup.Escape($"{cli.T("KPI :", "KPIs:")} {kpiLine}"));

        if (report.Objectives.Count > 0)
        {
            var objectives = Tables.Create("#", cli.T("Objectif", "Objective"), cli.T("Cible", "Target"), cli.T("Échéance", "Deadline"),
                cli.T("Responsable", "Owner"), "SMART");
            foreach (var o in report.Objectives)
                objectives.AddRow(o.Objective.Id.ToString(), Tables.Esc(o.Objective.Statement), Tables.Esc(o.Objective.TargetText),
                    Formats.Date(o.Objective.Deadline, c), Tables.Esc(o.Objective.Owner),
                    o.Smart.Ok ? "[green]✓[/]" : $"[yellow]{Markup.Escape(string.Join(", ", o.Smart.Missing.Select(m => SmartCheck.Label(m, fr))))}[/]");
            console.Write(objectives);
        }

        if (report.Actions.Count == 0)
        {
            // An empty table says nothing: say why there is nothing, and what to type.
            console.MarkupLine(Markup.Escape(s.Actions > 0
                ? cli.T("Aucune action ne correspond à ces filtres.", "No action matches these filters.")
                : cli.T($"Aucune action : ajoutez-en avec « pilote action add {p.Id} --title … --channel … »",
                    $"No action yet: add one with 'pilote action add {p.Id} --title … --channel …'")));
            return;
        }
        var actions = Tables.Create("#", "Action", cli.T("Canal", "Channel"), cli.T("Statut", "Status"), cli.T("Responsable", "Owner"),
            cli.T("Échéance", "Due"), "KPI", cli.T("Cible", "Target"), cli.T("Réel", "Actual"), cli.T("Atteinte", "Attainment"),
            cli.T("Rythme", "Pace"), cli.T("Prévision", "Forecast"), cli.T("État", "State"));
        // Titles are what people read first: give them room, and keep the short columns on one line.
        actions.Columns[1].Width(44);
        foreach (var i in new[] { 3, 5, 7, 8, 9, 10, 11 })
            actions.Columns[i].NoWrap();
        foreach (var a in report.Actions)
        {
            var action = a.Action;
            var first = true;
            var kpis = a.Kpis.Count == 0 ? [null] : a.Kpis.Cast<Pilote.Kpis.KpiEvaluation?>().ToList();
            foreach (var k in kpis)
            {
                actions.AddRow(
                    first ? action.Id.ToString() : "",
                    first ? Tables.Esc(action.Title) : "",
                    first ? Tables.Esc(fr ? action.Channel?.Name : action.Channel?.NameEn ?? action.Channel?.Name) : "",
                    first ? Markup.Escape(action.Status.Label(fr)) : "",
                    first ? Tables.Esc(action.Owner) : "",
                    first ? Formats.Date(action.Due, c) : "",
                    // In English, the catalog's English names and targets in English formats, as the review and reports write them.
                    k is null ? "[grey]—[/]" : Markup.Escape(k.Label(fr)),
                    k?.Target is null ? "—" : Markup.Escape(k.Target.Show(fr, k.Unit, p.Currency, c)),
                    k is null ? "—" : Markup.Escape(Formats.Kpi(k.Actual, k.Unit, p.Currency, c) + (k.ActualIsLowerBound ? " ≥" : "")),
                    Markup.Escape(Formats.Attainment(k?.Attainment, c)),
                    Markup.Escape(Formats.Attainment(k?.Pace, c)),
                    k?.Forecast is null ? "—" : Markup.Escape(Formats.Kpi(k.Forecast.Value, k.Unit, p.Currency, c)),
                    k is null ? $"[grey]{Markup.Escape(KpiStatus.NotMeasurable.Label(fr))}[/]" : Tables.Status(k.Status, fr));
                first = false;
            }
        }
        console.Write(actions);
    }
}
