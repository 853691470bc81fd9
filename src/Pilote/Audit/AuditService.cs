using Microsoft.EntityFrameworkCore;
using Pilote.Data;
using Pilote.Plans;

namespace Pilote.Audit;

/// <summary>Gathers what the audit rules read for a stored plan, then runs them. Shared by the CLI and the web app.</summary>
public static class AuditService
{
    public static async Task<AuditResult> AuditAsync(PiloteDb db, int planId, DateOnly asOf, bool french, CancellationToken ct = default) =>
        await AuditAsync(db, planId, asOf, french, AuditSurface.CommandLine, ct);

    /// <param name="spreadsheet">The plan was read from a file only to be audited (<see cref="AuditInput.Spreadsheet"/>).</param>
    public static async Task<AuditResult> AuditAsync(PiloteDb db, int planId, DateOnly asOf, bool french, AuditSurface surface, CancellationToken ct = default,
        bool spreadsheet = false)
    {
        var plan = await PlanLoader.LoadAsync(db, planId, ct: ct);
        var actionIds = plan.Actions.Select(a => a.Id).ToList();
        var measured = await db.Measurements.AsNoTracking()
            .Where(m => actionIds.Contains(m.ActionId) && m.PeriodStart <= asOf)
            .GroupBy(m => m.ActionId)
            .Select(g => new { ActionId = g.Key, Last = g.Max(m => m.PeriodEnd), Count = g.Count() })
            .ToListAsync(ct);
        var channelIds = plan.Actions.Select(a => a.ChannelId).Distinct().ToList();
        var channelKpis = await db.ChannelKpis.AsNoTracking()
            .Where(c => channelIds.Contains(c.ChannelId))
            .Select(c => new { c.ChannelId, c.Kpi!.Key })
            .ToListAsync(ct);
        var reviewedWeeks = await db.Reviews.AsNoTracking()
            .Where(r => r.PlanId == planId && r.Decisions.Any())
            .Select(r => r.WeekStart)
            .ToListAsync(ct);
        DateOnly? lastReview = reviewedWeeks.Count == 0 ? null : reviewedWeeks.Max().AddDays(6);
        var catalog = await db.KpiDefinitions.AsNoTracking().Where(k => k.WorkspaceId == plan.WorkspaceId).ToDictionaryAsync(k => k.Key, ct);

        var input = new AuditInput(
            plan,
            asOf,
            measured.ToDictionary(m => m.ActionId, m => new MeasuredSpan(m.Last, m.Count)),
            channelKpis.GroupBy(c => c.ChannelId).ToDictionary(g => g.Key, g => (IReadOnlySet<string>)g.Select(c => c.Key).ToHashSet()),
            lastReview,
            catalog,
            spreadsheet);
        return PlanAudit.Run(input, french, surface);
    }
}
