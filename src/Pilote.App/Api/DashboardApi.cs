using Microsoft.Extensions.Caching.Memory;
using Pilote.Access;
using Pilote.Actions;
using Pilote.App.Access;
using Pilote.App.Plans;
using Pilote.Dashboards;
using Pilote.Data;
using Pilote.Kpis;
using Pilote.Targets;

namespace Pilote.App.Api;

public sealed record DashboardDto(
    int Plan, string Name, string Currency, DateOnly Start, DateOnly End, DateOnly AsOf, decimal Elapsed, decimal? Budget,
    DashboardSummaryDto Summary, IReadOnlyList<KpiTileDto> Tiles, IReadOnlyList<ChannelBudget> Channels, IReadOnlyList<AttentionDto> Attention);

public sealed record DashboardSummaryDto(int Actions, IReadOnlyDictionary<string, int> ByStatus, decimal Planned, decimal Spent,
    IReadOnlyDictionary<string, int> Kpis, int Overdue);

public sealed record KpiTileDto(
    int Action, string ActionTitle, string Channel, string Kpi, string Name, string Unit, string Direction, string? Target, decimal? TargetValue,
    string? Kind, decimal? Actual, bool LowerBound, decimal? Attainment, decimal? Expected, decimal? Pace, ForecastDto? Forecast, string Status,
    string StatusLabel, string Reason, DateOnly Deadline, IReadOnlyList<WeekValue> Weekly);

public sealed record AttentionDto(string Kind, int Action, string ActionTitle, string? Kpi, string? KpiName, DateOnly? Due, DateOnly? LastMeasured,
    string Reason);

/// <summary>
/// GET /api/v1/plans/{id}/dashboard: the web app's dashboard (<see cref="DashboardService"/>) as JSON, for integrations
/// and wall screens. Its ETag is the dashboard's stamp (it moves with any measurement, action or plan change), so a
/// poller sends If-None-Match and gets 304; the built answer is kept in memory under that stamp.
/// </summary>
public static class DashboardApi
{
    public static RouteGroupBuilder MapDashboardApi(this RouteGroupBuilder api)
    {
        api.MapGet("/plans/{id:int}/dashboard", GetAsync)
            .Produces<DashboardDto>()
            .WithSummary("The plan's dashboard: summary zone, one tile per KPI, budget by channel, what needs attention (ETag / If-None-Match)");
        return api;
    }

    private static async Task<IResult> GetAsync(int id, HttpContext http, WorkspaceGate gate, PiloteDb db, TimeProvider clock, IMemoryCache cache,
        CancellationToken ct)
    {
        await gate.RequirePlanAsync(http.User, id, WorkspaceRole.Viewer, ct);
        var caller = await ApiCaller.OfAsync(http, db, ct);
        var service = new DashboardService(db);
        var today = ApiCaller.Today(clock);
        var stamp = await service.StampAsync(id, ct);
        var etag = $"W/\"d{stamp}.{today:yyyyMMdd}.{(caller.French ? "fr" : "en")}\"";
        http.Response.Headers.ETag = etag;
        if (http.Request.Headers.IfNoneMatch.ToString() == etag)
            return Results.StatusCode(StatusCodes.Status304NotModified);
        var dto = await cache.GetOrCreateAsync((typeof(DashboardDto), id, etag), async entry =>
        {
            // The stamp covers measurements, actions, KPIs and the plan; the minute's expiry covers catalog renames.
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            return Dto(await service.BuildAsync(id, today, ct), caller.French);
        });
        return Results.Ok(dto);
    }

    public static DashboardDto Dto(PlanDashboard d, bool french) => new(
        d.PlanId, d.PlanName, d.Currency, d.Start, d.End, d.AsOf, Math.Round(d.Elapsed, 4), d.Budget,
        new DashboardSummaryDto(d.Summary.Actions, d.Summary.ByStatus.ToDictionary(s => s.Status.Id(), s => s.Count), d.Summary.Planned,
            d.Summary.Spent, d.Summary.KpisByStatus.ToDictionary(s => s.Status.ToId(), s => s.Count), d.Summary.Overdue),
        [.. d.Tiles.Select(t => new KpiTileDto(t.ActionId, t.Action, t.Channel, t.Kpi, t.Name, PlanDtos.UnitId(t.Unit),
            t.Direction == Direction.HigherIsBetter ? "higher" : "lower", t.Target, t.TargetValue,
            t.Kind switch { TargetKind.Cumulative => "cumulative", TargetKind.Rate => "rate", _ => null },
            Round(t.Actual, 6), t.ActualIsLowerBound, Round(t.Attainment), Round(t.Expected), Round(t.Pace),
            t.Forecast is { } f ? new ForecastDto(Math.Round(f.Value, 4), Math.Round(f.Low, 4), Math.Round(f.High, 4)) : null,
            t.Status.ToId(), t.Status.Label(french), t.Why(french), t.Deadline, t.Weekly))],
        d.Channels,
        [.. d.Attention.Select(a => new AttentionDto(KindId(a.Kind), a.ActionId, a.Action, a.Kpi, a.KpiName, a.Due, a.LastMeasured, a.Why(french)))]);

    private static decimal? Round(decimal? value, int places = 4) => value is { } v ? Math.Round(v, places) : null;

    private static string KindId(AttentionKind kind) => kind switch
    {
        AttentionKind.KpiOffTrack => "kpi-off-track",
        AttentionKind.KpiAtRisk => "kpi-at-risk",
        AttentionKind.Overdue => "overdue",
        _ => "no-recent-measurement",
    };

}
