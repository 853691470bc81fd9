using System.Globalization;
using Pilote.Actions;
using Pilote.Common;
using Pilote.Kpis;
using Pilote.Targets;

namespace Pilote.Reviews;

/// <summary>Puts a verdict into words with its numbers, in French or English: « CPL 52 € contre une cible de &lt;40 €… ».</summary>
internal sealed class Words(bool french, CultureInfo culture, string currency)
{
    public string T(string fr, string en) => french ? fr : en;

    public string Money(decimal v) => Formats.Money(Math.Round(v, 0), currency, culture);

    private string Kpi(decimal? v, KpiUnit unit) => Formats.Kpi(v, unit, currency, culture);

    private string Bound(decimal? bound, Forecast? f, KpiUnit unit) => Formats.KpiBound(bound, f?.Value, unit, currency, culture);

    private string Share(decimal? share) => share is { } s
        ? T($", {Formats.Percent(Math.Round(s, 2), culture)} de son budget dépensé", $", {Formats.Percent(Math.Round(s, 2), culture)} of its budget spent")
        : "";

    private string Weeks(int n) => french ? (n == 1 ? "1 semaine" : $"{n} semaines") : (n == 1 ? "1 week" : $"{n} weeks");

    public string Reason(Verdict v, KpiDefinition kpi, ActionKpi primary, Target target, KpiEvaluation eval, IReadOnlyList<KpiEvaluation> offTrack, decimal spent)
    {
        var name = french ? kpi.Name : kpi.NameEn ?? kpi.Name;
        var goal = eval.Target?.Show(french, kpi.Unit, currency, culture) ?? primary.TargetText ?? target.Value.ToString(culture);
        var share = Share(v.BudgetShareSpent);
        // The other KPIs by the names the tables show (« UGC généré »), never by their catalog keys (« ugc »).
        var others = string.Join(", ", offTrack.Select(k => k.Label(french)));
        if (v.Estimate is { } e)
        {
            // The measured value first; the smoothed estimate (shrunk toward the channel's typical value) when it differs.
            var measured = Kpi(eval.Actual, kpi.Unit);
            var estimate = Kpi(e.Center, kpi.Unit);
            var value = measured == estimate || eval.Actual is null
                ? $"{name} {estimate}"
                : T($"{name} {measured} (estimation lissée {estimate})", $"{name} {measured} (smoothed estimate {estimate})");
            var against = T($"{value} contre une cible de {goal}", $"{value} against a target of {goal}");
            return v.Why switch
            {
                "misses-for-weeks" => T(
                    $"{against} : même au mieux ({Kpi(e.Optimistic, kpi.Unit)}) la cible est manquée, {Weeks(v.WeeksMissing)} de suite{share} — arrêter et réallouer",
                    $"{against}: even at best ({Kpi(e.Optimistic, kpi.Unit)}) it misses, {Weeks(v.WeeksMissing)} in a row{share} — stop and reallocate"),
                "beats-target" => T(
                    $"{against} : même au pire ({Kpi(e.Pessimistic, kpi.Unit)}) la cible est tenue sur {Weeks(e.Weeks)}{share} — il reste de quoi faire plus",
                    $"{against}: even at worst ({Kpi(e.Pessimistic, kpi.Unit)}) the target holds over {Weeks(e.Weeks)}{share} — there is room to do more"),
                "beats-target-no-room" => T(
                    $"{against} : la cible est tenue même au pire ({Kpi(e.Pessimistic, kpi.Unit)}), mais le budget ou la période ne laisse pas de marge{share}",
                    $"{against}: the target holds even at worst ({Kpi(e.Pessimistic, kpi.Unit)}), but budget or time leaves no room{share}"),
                "misses-without-proof" => T(
                    $"{against} : manquée, mais au mieux {Kpi(e.Optimistic, kpi.Unit)} — pas encore de preuve d'échec{share} : revoir l'exécution ou la cible",
                    $"{against}: missed, but at best {Kpi(e.Optimistic, kpi.Unit)} — no proof of failure yet{share}: revise the execution or the target"),
                "misses-few-weeks" => T(
                    $"{against} : manquée sur {Weeks(e.Weeks)} seulement, trop tôt pour conclure{share} : corriger l'exécution",
                    $"{against}: missed over {Weeks(e.Weeks)} only, too early to conclude{share}: fix the execution"),
                "other-kpi-off-track" => T(
                    $"{against} : tenue, mais {others} hors trajectoire{share} : ajuster",
                    $"{against}: holding, but {others} off track{share}: adjust"),
                "too-few-weeks" => T(
                    $"{against} : {Weeks(e.Weeks)} de mesures, trop peu pour amplifier ou arrêter{share}",
                    $"{against}: {Weeks(e.Weeks)} of data, too few to amplify or stop{share}"),
                _ => T(
                    $"{against} : dans l'intervalle ({Kpi(e.Pessimistic, kpi.Unit)} au pire, {Kpi(e.Optimistic, kpi.Unit)} au mieux), rien de prouvé dans un sens ou dans l'autre{share}",
                    $"{against}: within the interval ({Kpi(e.Pessimistic, kpi.Unit)} at worst, {Kpi(e.Optimistic, kpi.Unit)} at best), nothing proven either way{share}"),
            };
        }

        var toDate = $"{name} {Kpi(eval.Actual, kpi.Unit)}";
        var f = eval.Forecast;
        return v.Why switch
        {
            "no-data" => T($"rien de mesuré sur {name} : impossible de juger — importez ses mesures", $"nothing measured on {name}: cannot judge — import its measurements"),
            "nothing-for-weeks" => T($"{name} : aucun résultat depuis {Weeks(v.WeeksMissing)} malgré {Money(spent)} dépensés{share} — arrêter",
                $"{name}: no result for {Weeks(v.WeeksMissing)} despite {Money(spent)} spent{share} — stop"),
            "forecast-beats-target" => T($"{toDate} à date, prévision {Kpi(f?.Value, kpi.Unit)} (au pire {Bound(f?.Low, f, kpi.Unit)}) pour une cible de {goal}{share} — accélérer",
                $"{toDate} to date, forecast {Kpi(f?.Value, kpi.Unit)} (at worst {Bound(f?.Low, f, kpi.Unit)}) for a target of {goal}{share} — speed up"),
            "beats-target-no-room" => T($"{toDate} à date, cible {goal} assurée (au pire {Kpi(f?.Low, kpi.Unit)}){share}", $"{toDate} to date, target {goal} secured (at worst {Kpi(f?.Low, kpi.Unit)}){share}"),
            "forecast-misses" => T($"{toDate} à date, prévision {Kpi(f?.Value, kpi.Unit)} (au mieux {Bound(f?.High, f, kpi.Unit)}) pour une cible de {goal}{share} : en retard, revoir l'exécution ou la cible",
                $"{toDate} to date, forecast {Kpi(f?.Value, kpi.Unit)} (at best {Bound(f?.High, f, kpi.Unit)}) for a target of {goal}{share}: behind, revise the execution or the target"),
            "forecast-misses-few-weeks" => T($"{toDate} à date, prévision {Kpi(f?.Value, kpi.Unit)} pour une cible de {goal} : en retard sur {Weeks(v.WeeksMissing)} de mesures seulement, trop tôt pour conclure{share} : corriger l'exécution",
                $"{toDate} to date, forecast {Kpi(f?.Value, kpi.Unit)} for a target of {goal}: behind over {Weeks(v.WeeksMissing)} of data only, too early to conclude{share}: fix the execution"),
            "other-kpi-off-track" => T($"{toDate} à date pour une cible de {goal}, mais {others} hors trajectoire{share}", $"{toDate} to date for a target of {goal}, but {others} off track{share}"),
            _ => T($"{toDate} à date, prévision {Kpi(f?.Value, kpi.Unit)} ({Kpi(f?.Low, kpi.Unit)} à {Kpi(f?.High, kpi.Unit)}) pour une cible de {goal}{share}",
                $"{toDate} to date, forecast {Kpi(f?.Value, kpi.Unit)} ({Kpi(f?.Low, kpi.Unit)} to {Kpi(f?.High, kpi.Unit)}) for a target of {goal}{share}"),
        };
    }

    public string MoveReason(Move m, SpendKpi fromKpi, SpendKpi toKpi, SpendLine from, SpendLine to, int weeksLeft)
    {
        // Efficiency 1 is "on target at the margin": the next euro buys a result at exactly the target cost.
        string Marginal(SpendLine l, double eff) => l.ValuePerResult == 0 || eff <= 0
            ? T("aucun résultat marginal", "no marginal result")
            : T($"le prochain résultat y coûte {Money(l.ValuePerResult / (decimal)eff)} ({Times(1 / eff)} sa cible)",
                $"the next result there costs {Money(l.ValuePerResult / (decimal)eff)} ({Times(1 / eff)} its target)");
        // The next result against its own target: money goes where that ratio is lowest, whatever each target's level.
        string Times(double ratio) => ratio.ToString("0.0", culture) + "×";
        var stop = from.Stop ? T(", arrêt recommandé", ", stop recommended") : "";
        return T(
            $"{Money(m.Weekly)}/semaine de « {m.From} » vers « {m.To} », soit {Money(m.Weekly * weeksLeft)} sur les {weeksLeft} semaines restantes : « {m.From} » {Against(from, fromKpi)}, {Marginal(from, m.FromMarginalEfficiency)}{stop} ; « {m.To} » {Against(to, toKpi)}, {Marginal(to, m.ToMarginalEfficiency)}",
            $"{Money(m.Weekly)}/week from '{m.From}' to '{m.To}', {Money(m.Weekly * weeksLeft)} over the {weeksLeft} weeks left: '{m.From}' {Against(from, fromKpi)}, {Marginal(from, m.FromMarginalEfficiency)}{stop}; '{m.To}' {Against(to, toKpi)}, {Marginal(to, m.ToMarginalEfficiency)}");
    }

    /// <summary>
    /// An action's own cost against its own target, « CPL 88 € = 2,2× sa cible de 40 € », so that money moving from a
    /// 40 € CPL to a 60 € CPL reads right: what counts is how each does against what it was asked.
    /// </summary>
    private string Against(SpendLine l, SpendKpi kpi)
    {
        var spend = l.Points.Sum(p => p.Spend);
        var results = l.Points.Sum(p => p.Results);
        var target = kpi.IsCost ? Cost(l.ValuePerResult) : Math.Round(1 / l.ValuePerResult, 2).ToString("0.##", culture);
        if (results == 0)
            return T($"({kpi.Name} : aucun résultat pour {Money(spend)} dépensés, cible {target})", $"({kpi.Name}: no result for {Money(spend)} spent, target {target})");
        // ValuePerResult is the target cost per result (1 / target for a return such as ROAS).
        var ratio = spend / results / l.ValuePerResult;
        var value = kpi.IsCost ? Cost(spend / results)
            : Math.Round(results / spend, 2).ToString("0.##", culture);
        // For a return, the ratio reads the other way: a ROAS of 2 against 4 is 0,5× its target.
        var times = kpi.IsCost ? ratio : 1 / ratio;
        var x = Math.Round(times, times >= 10 ? 0 : times >= 1 ? 1 : 2).ToString("0.##", culture);
        return T($"({kpi.Name} {value} = {x}× sa cible de {target})", $"({kpi.Name} {value} = {x}× its target of {target})");
    }

    /// <summary>A cost per result: whole euros from 10 €, cents below (a 3,50 € CPC).</summary>
    private string Cost(decimal v) => Formats.Money(Math.Round(v, v >= 10 ? 0 : 2), currency, culture);
}

/// <summary>The KPI a spend line is judged on, as the reason names it: « CPL », a cost (lower is better) or a return.</summary>
internal sealed record SpendKpi(string Name, bool IsCost);
