using Microsoft.EntityFrameworkCore;
using Pilote.App.Plans;
using Pilote.Common;
using Pilote.Data;
using Pilote.Plans;

namespace Pilote.App.Api;

/// <summary>Resources as the API shows them: the same DTOs as <c>pilote plan show --json</c>, built from the plan's report.</summary>
public static class ApiReads
{
    public static Task<PlanReport> ReportAsync(PiloteDb db, int planId, TimeProvider clock, CancellationToken ct) =>
        PlanReportBuilder.BuildAsync(db, planId, ApiCaller.Today(clock), ct);

    public static async Task<PlanDetail> PlanAsync(PiloteDb db, int planId, TimeProvider clock, bool french, CancellationToken ct) =>
        PlanDtos.Detail(await ReportAsync(db, planId, clock, ct), french);

    public static async Task<ActionDto> ActionAsync(PiloteDb db, int actionId, TimeProvider clock, bool french, CancellationToken ct)
    {
        var planId = await db.Actions.AsNoTracking().Where(a => a.Id == actionId).Select(a => (int?)a.PlanId).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException($"action {actionId} not found");
        var report = await ReportAsync(db, planId, clock, ct);
        return PlanDtos.Action(report.Actions.Single(a => a.Action.Id == actionId), french);
    }

    public static async Task<ObjectiveDto> ObjectiveAsync(PiloteDb db, int objectiveId, TimeProvider clock, bool french, CancellationToken ct)
    {
        var planId = await db.Objectives.AsNoTracking().Where(o => o.Id == objectiveId).Select(o => (int?)o.PlanId).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException($"objective {objectiveId} not found");
        return (await PlanAsync(db, planId, clock, french, ct)).Objectives.Single(o => o.Id == objectiveId);
    }
}
