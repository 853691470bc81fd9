using Pilote.Actions;
using Pilote.Kpis;
using Pilote.Plans;
using Pilote.Targets;

namespace Pilote.App.Plans;

// The JSON shape of plans, shared by `pilote plan show --json` and the REST API. Ids are stable words, never enum numbers.

public sealed record PlanListItem(int Id, string Name, string Workspace, DateOnly Start, DateOnly End, string Currency, decimal? Budget, int Actions);

public sealed record PlanDetail(
    int Id, string Name, string? Description, DateOnly Start, DateOnly End, string Currency, decimal? Budget, string Culture,
    string Template, DateOnly AsOf, int Version,
    IReadOnlyList<ObjectiveDto> Objectives, IReadOnlyList<ActionDto> Actions, SummaryDto Summary);

public sealed record ObjectiveDto(
    int Id, string Statement, string? Metric, decimal? Baseline, string? Target, string? Comparator, decimal? TargetValue,
    DateOnly? Deadline, string? Owner, SmartDto Smart, IReadOnlyList<int> Actions, int Version);

public sealed record SmartDto(bool Ok, IReadOnlyList<string> Missing);

public sealed record ActionDto(
    int Id, string Title, string Channel, string ChannelName, string Status, string StatusLabel, string Kind, string? Periodicity,
    string? Aim, string? Owner, string? Team, DateOnly? Start, DateOnly? Due, decimal? Budget, decimal Spent, string? Tools,
    string? Product, IReadOnlyList<int> Objectives, IReadOnlyList<TrackingCodeDto> TrackingCodes,
    IReadOnlyList<CommentDto> Comments, IReadOnlyList<KpiDto> Kpis, int Version);

public sealed record TrackingCodeDto(string Kind, string Value);

public sealed record CommentDto(string Author, DateTimeOffset At, string Kind, string Text);

public sealed record KpiDto(
    string Kpi, string Name, string Expression, string Unit, string Direction, TargetDto? Target,
    decimal? Actual, bool LowerBound, decimal? Attainment, decimal? Expected, decimal? Pace, ForecastDto? Forecast,
    string Status, string StatusLabel, string Reason);

public sealed record TargetDto(string Text, string Comparator, decimal Value, decimal? Upper, string? Unit, string Kind, DateOnly Deadline);

public sealed record ForecastDto(decimal Value, decimal Low, decimal High);

public sealed record SummaryDto(
    int Actions, IReadOnlyDictionary<string, int> ByStatus, decimal? PlanBudget, decimal Budget, decimal Spent,
    IReadOnlyDictionary<string, int> Kpis);

public static class PlanDtos
{
    public static PlanDetail Detail(PlanReport report, bool french = true)
    {
        var p = report.Plan;
        return new PlanDetail(
            p.Id, p.Name, p.Description, p.Start, p.End, p.Currency, p.Budget, p.Culture, TemplateId(p.Template), report.AsOf, p.Version,
            report.Objectives.Select(o => new ObjectiveDto(
                o.Objective.Id, o.Objective.Statement, o.Objective.KpiKey, o.Objective.Baseline, o.Objective.TargetText,
                o.Objective.Comparator is { } c ? ComparatorId(c) : null, o.Objective.TargetValue, o.Objective.Deadline,
                o.Objective.Owner, new SmartDto(o.Smart.Ok, o.Smart.Missing),
                p.Actions.Where(a => a.Objectives.Any(x => x.ObjectiveId == o.Objective.Id)).Select(a => a.Id).ToList(),
                o.Objective.Version)).ToList(),
            report.Actions.Select(a => Action(a, french)).ToList(),
            new SummaryDto(
                report.Summary.Actions,
                report.Summary.ByStatus.ToDictionary(kv => kv.Key.Id(), kv => kv.Value),
                p.Budget, report.Summary.Budget, report.Summary.Spent,
                report.Summary.KpisByStatus.ToDictionary(kv => kv.Key.ToId(), kv => kv.Value)));
    }

    public static ActionDto Action(ActionReport report, bool french = true)
    {
        var a = report.Action;
        return new ActionDto(
            a.Id, a.Title, a.Channel?.Key ?? "", a.Channel?.Name ?? "", a.Status.Id(), a.Status.Label(french), a.Kind.Id(),
            a.Periodicity?.Id(), a.Aim, a.Owner, a.Team, a.Start, a.Due, a.PlannedBudget, a.Spent, a.Tools, a.Product?.Name,
            a.Objectives.Select(o => o.ObjectiveId).Order().ToList(),
            a.TrackingCodes.OrderBy(t => t.Id).Select(t => new TrackingCodeDto(TrackingKindId(t.Kind), t.Value)).ToList(),
            a.Comments.OrderBy(c => c.At).Select(c => new CommentDto(c.Author, c.At, c.Kind == CommentKind.Adjustment ? "adjustment" : "comment", c.Text)).ToList(),
            report.Kpis.Select(k => Kpi(k, french)).ToList(),
            a.Version);
    }

    public static KpiDto Kpi(KpiEvaluation k, bool french = true) => new(
        k.Kpi, k.Name, k.Expression, UnitId(k.Unit), k.Direction == Direction.HigherIsBetter ? "higher" : "lower",
        k.Target is { } t
            ? new TargetDto(t.Text, ComparatorId(t.Comparator), t.Value, t.Upper, t.Unit is { } u ? UnitId(u) : null,
                t.Kind == TargetKind.Cumulative ? "cumulative" : "rate", t.Deadline)
            : null,
        Round(k.Actual, 6), k.ActualIsLowerBound, Round(k.Attainment), Round(k.Expected), Round(k.Pace),
        k.Forecast is { } f ? new ForecastDto(Round(f.Value)!.Value, Round(f.Low)!.Value, Round(f.High)!.Value) : null,
        k.Status.ToId(), k.Status.Label(french), k.Why(french));

    // Ratios carry 4 places in JSON: enough for a percentage to one decimal, no false precision.
    // Actual values keep 6 (a 0,25 % CTR stays exact enough to recompute); no more than the data can hold.
    private static decimal? Round(decimal? value, int places = 4) => value is { } v ? Math.Round(v, places) : null;

    public static string ComparatorId(Comparator c) => c switch
    {
        Comparator.AtLeast => "gte",
        Comparator.GreaterThan => "gt",
        Comparator.AtMost => "lte",
        Comparator.LessThan => "lt",
        Comparator.Equal => "eq",
        _ => "between",
    };

    public static string UnitId(KpiUnit u) => u.ToString().ToLowerInvariant();

    public static string TemplateId(PlanTemplate t) => t switch
    {
        PlanTemplate.KpiDriven => "kpi-driven",
        PlanTemplate.Numerique => "numerique",
        _ => "vierge",
    };

    public static string TrackingKindId(TrackingKind k) => k switch
    {
        TrackingKind.UtmCampaign => "utm_campaign",
        TrackingKind.CampaignName => "campaign_name",
        TrackingKind.PromoCode => "promo_code",
        TrackingKind.Url => "url",
        _ => "alias",
    };
}
