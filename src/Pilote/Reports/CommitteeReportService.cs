using Microsoft.EntityFrameworkCore;
using Pilote.Audit;
using Pilote.Common;
using Pilote.Data;
using Pilote.Kpis;
using Pilote.Plans;
using Pilote.Reviews;

namespace Pilote.Reports;

/// <summary>Gathers a plan's committee report from the database. Shared by <c>pilote report</c> and the web app.</summary>
public static class CommitteeReportService
{
    /// <param name="from">Start of the period (default: the plan's start).</param>
    /// <param name="to">End of the period, the day KPIs are evaluated as of (default: today, and never after the plan's end).</param>
    public static async Task<CommitteeReport> BuildAsync(PiloteDb db, int planId, DateOnly? from, DateOnly? to, DateOnly today,
        bool french, TimeProvider clock, CancellationToken ct = default)
    {
        var plan = await PlanLoader.LoadAsync(db, planId, ct: ct);
        var end = to ?? (today < plan.End ? today : plan.End);
        var start = from ?? plan.Start;
        if (end < start && to is null)
        {
            // Only --from was given: blaming « --to » named an option nobody typed and a date nobody chose.
            var why = end == plan.End ? ("la fin du plan", "the plan's end") : ("aujourd'hui", "today");
            throw new PiloteInputException(
                $"--from : {start:dd/MM/yyyy} est après la fin du rapport, le {end:dd/MM/yyyy} ({why.Item1}) ; donnez une date antérieure ou --to",
                $"--from: {start:yyyy-MM-dd} is after the report's end, {end:yyyy-MM-dd} ({why.Item2}); give an earlier date or --to");
        }
        if (end < start)
            throw new PiloteInputException($"--to : {end:dd/MM/yyyy} précède --from {start:dd/MM/yyyy}", $"--to: {end:yyyy-MM-dd} is before --from {start:yyyy-MM-dd}");

        var specs = await db.MetricDefinitions.AsNoTracking().Where(m => m.WorkspaceId == plan.WorkspaceId)
            .ToDictionaryAsync(m => m.Key, m => m.ToSpec(), ct);
        var kpis = await db.KpiDefinitions.AsNoTracking().Where(k => k.WorkspaceId == plan.WorkspaceId)
            .ToDictionaryAsync(k => k.Key, ct);
        var actionIds = plan.Actions.Select(a => a.Id).ToList();
        var rows = await db.Measurements.AsNoTracking()
            .Where(m => actionIds.Contains(m.ActionId) && m.PeriodEnd <= end)
            .Select(m => new { m.ActionId, m.Metric, m.PeriodStart, m.PeriodEnd, m.Value })
            .ToListAsync(ct);
        var byAction = rows.ToLookup(r => r.ActionId, r => new MetricPoint(r.Metric, r.PeriodStart, r.PeriodEnd, r.Value));
        IReadOnlyList<MetricPoint> PointsOf(int id) => [.. byAction[id]];

        var report = PlanReportBuilder.Build(plan, specs, PointsOf, end);
        var audit = await AuditService.AuditAsync(db, planId, end, french, AuditSurface.WebApp, ct);

        // The decisions about the weeks the period touches, oldest first.
        var firstWeek = ReviewBuilder.Monday(start);
        var decided = await db.ReviewDecisions.AsNoTracking()
            .Join(db.Reviews.Where(r => r.PlanId == planId && r.WeekStart >= firstWeek && r.WeekStart <= end),
                d => d.ReviewId, r => r.Id, (d, r) => new { r.WeekStart, Decision = d })
            .ToListAsync(ct);
        var titles = plan.Actions.ToDictionary(a => a.Id, a => a.Title);
        List<ReportDecision> decisions = [.. decided
            .OrderBy(d => d.WeekStart).ThenBy(d => d.Decision.DecidedAt).ThenBy(d => d.Decision.Id)
            .Select(d => new ReportDecision(ReviewBuilder.WeekId(d.WeekStart), d.Decision.ActionId,
                titles.GetValueOrDefault(d.Decision.ActionId, $"#{d.Decision.ActionId}"), d.Decision.Recommended,
                d.Decision.Verdict.ToString().ToLowerInvariant(), d.Decision.Chosen, d.Decision.Reason, d.Decision.DecidedBy,
                Formats.Day(d.Decision.DecidedAt, clock.LocalTimeZone)))];

        return CommitteeReportBuilder.Build(report, specs, kpis, PointsOf, start, audit, decisions, french, clock.GetLocalNow());
    }
}
