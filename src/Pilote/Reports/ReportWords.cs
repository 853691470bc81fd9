using System.Globalization;
using Pilote.Audit;
using Pilote.Common;
using Pilote.Kpis;
using Pilote.Reviews;
using Pilote.Targets;

namespace Pilote.Reports;

/// <summary>The words and number formats both report writers use, in French or English.</summary>
public sealed class ReportWords(bool french, string culture = "fr-FR", string currency = "EUR")
{
    public ReportWords(CommitteeReport r)
        : this(r.French, r.Culture, r.Currency)
    {
    }

    public bool French { get; } = french;

    /// <summary>The plan's currency as the reports write it: €, $, £ or its code.</summary>
    public string CurrencySymbol { get; } = Formats.Symbol(currency);
    public CultureInfo Culture { get; } = Formats.Culture(culture);

    public string T(string fr, string en) => French ? fr : en;

    // Halves round away from zero, as PowerPoint's number formats do: the HTML and the deck's charts show one amount
    // (6 916,50 € is 6 917 € in both, where banker's rounding wrote 6 916 € beside the chart's 6 917 €).
    public string Money(decimal? v) => Formats.Money(v is { } x ? Math.Round(x, 0, MidpointRounding.AwayFromZero) : null, currency, Culture);
    public string Date(DateOnly? d) => Formats.Date(d, Culture);
    public string Attainment(decimal? f) => Formats.Attainment(f, Culture);

    public string Percent(decimal? f) => Formats.Percent(f is { } x ? Math.Round(x, 3, MidpointRounding.AwayFromZero) : null, Culture);
    public string Count(decimal? v) => Formats.Count(v, Culture);

    public string Kpi(decimal? v, KpiUnit unit, bool lowerBound = false) =>
        Formats.Kpi(v, unit, currency, Culture) + (lowerBound && v is not null ? " ≥" : "");

    public string Chart(decimal? v, ChartValues kind) => kind switch
    {
        ChartValues.Percent => Percent(v),
        ChartValues.Money => Money(v),
        _ => Count(v),
    };

    public string Status(KpiStatus s) => s.Label(French);

    /// <summary>What both writers put in place of an empty chart: the builder's reason, else a plain word.</summary>
    public string Empty(ReportChart chart) => chart.Empty ?? T("Rien à montrer.", "Nothing to show.");

    /// <summary>What both writers put in place of an objective's empty KPI table: why nothing measures it.</summary>
    public string NoKpis(ObjectiveSection o) =>
        o.NoKpis ?? T("Aucun indicateur : aucune action mesurée ne sert cet objectif.", "No KPI: no measured action serves this objective.");

    /// <summary>An objective's headline: its KPI against its target, or, with no value, why there is none.</summary>
    public string Headline(ReportKpi k, string separator) => k.Actual is null
        ? T($"{k.Name} : pas de valeur pour une cible de {k.Target ?? "—"} — {k.Why}", $"{k.Name}: no value for a target of {k.Target ?? "—"} — {k.Why}")
        : T($"{k.Name} : {Kpi(k.Actual, k.Unit, k.ActualIsLowerBound)} pour une cible de {k.Target}{separator}atteinte {Attainment(k.Attainment)}, rythme {Attainment(k.Pace)}",
            $"{k.Name}: {Kpi(k.Actual, k.Unit, k.ActualIsLowerBound)} for a target of {k.Target}{separator}attainment {Attainment(k.Attainment)}, pace {Attainment(k.Pace)}");

    public static string StatusColour(KpiStatus s) => s switch
    {
        KpiStatus.Met => "548235",
        KpiStatus.OnTrack => "70AD47",
        KpiStatus.AtRisk => "C55A11",
        KpiStatus.OffTrack => "C00000",
        _ => "7F7F7F",
    };

    public static string SeverityColour(Severity s) => s switch
    {
        Severity.Error => "C00000",
        Severity.Warning => "C55A11",
        _ => "7F7F7F",
    };

    public string Decision(string? id) => VerdictWords.Decision(id, French);

    public string Verdict(string verdict, string? chosen) => VerdictWords.Say(verdict, chosen, French);

    public string Period(CommitteeReport r) => T($"du {Date(r.From)} au {Date(r.To)}", $"from {Date(r.From)} to {Date(r.To)}");

    public string Title => T("Comité de pilotage", "Steering committee");

    /// <summary>The KPI table's column headers, in order.</summary>
    public IReadOnlyList<string> KpiHeaders => [
        "Action", "KPI", T("Cible", "Target"), T("Réel à date", "Actual to date"), T("Sur la période", "Over the period"),
        T("Atteinte", "Attainment"), T("Rythme", "Pace"), T("Statut", "Status"),
    ];

    public IReadOnlyList<string> KpiCells(ReportKpi k) => [
        k.Action ?? T("Objectif (toutes ses actions)", "Objective (all its actions)"), k.Name, k.Target ?? "—",
        Kpi(k.Actual, k.Unit, k.ActualIsLowerBound), Kpi(k.Period, k.Unit), Attainment(k.Attainment), Attainment(k.Pace), Status(k.Status),
    ];

    public IReadOnlyList<string> DecisionHeaders => [
        T("Semaine", "Week"), "Action", T("Recommandé", "Recommended"), T("Arbitrage", "Decision"), T("Raison", "Reason"), T("Par", "By"),
    ];

    public IReadOnlyList<string> DecisionCells(ReportDecision d) => [
        d.Week, d.Action, Decision(d.Recommended), Verdict(d.Verdict, d.Chosen), d.Reason, $"{d.DecidedBy}, {Date(d.DecidedOn)}",
    ];

    public IReadOnlyList<string> FindingHeaders => [T("Gravité", "Severity"), T("Règle", "Rule"), T("Sujet", "Subject"), T("Constat", "Finding"), T("Que faire", "Fix")];

    public IReadOnlyList<string> FindingCells(AuditFinding f) => [f.Severity.Label(French), f.Rule, f.Subject, f.Message, f.Hint];

    /// <summary>« (au 24/11/2026) » when the period ends before the day the report is made, else nothing.</summary>
    public string AsOfToday(CommitteeReport r) => AsOfToday(r.To, r.GeneratedAt);

    /// <summary>
    /// The day a report was made, on the clock of whoever made it: the callers pass their local time, as the report's
    /// default end is their local today (read in UTC, a report made before 2 a.m. in Paris said « au » the day before).
    /// </summary>
    public static DateOnly Day(DateTimeOffset generatedAt) => DateOnly.FromDateTime(generatedAt.DateTime);

    public string AsOfToday(DateOnly to, DateTimeOffset generatedAt)
    {
        var today = Day(generatedAt);
        return to < today ? T($" (au {Date(today)})", $" (as of {Date(today)})") : "";
    }

    /// <summary>The summary's key figures as (label, value) pairs.</summary>
    public IReadOnlyList<(string Label, string Value)> KeyFigures(CommitteeReport r)
    {
        var s = r.Summary;
        var kpis = s.KpisByStatus.Sum(k => k.Count);
        var good = s.KpisByStatus.Where(k => k.Status is KpiStatus.Met or KpiStatus.OnTrack).Sum(k => k.Count);
        // What is spent and which actions run are today's, not the period's: a period that ended before today says so
        // rather than passing today's spend off as June's.
        var asOf = AsOfToday(r);
        return [
            (T("Budget du plan", "Plan budget"), s.Budget is null ? T("non fixé", "not set") : Money(s.Budget)),
            (T("Dépensé", "Spent") + asOf, s.Budget is > 0 ? $"{Money(s.Spent)} ({Percent(s.Spent / s.Budget)})" : Money(s.Spent)),
            (T("Actions en cours", "Live actions") + asOf, $"{s.LiveActions} / {s.Actions}"),
            (T("KPI atteints ou en bonne voie", "KPIs met or on track"), kpis == 0 ? T("aucun KPI", "no KPI") : $"{good} / {kpis}"),
            (T("Score d'audit", "Audit score"), $"{r.Audit.Score}/100"),
            (T("Arbitrages de la période", "Decisions in the period"), r.Decisions.Count.ToString(Culture)),
        ];
    }
}
