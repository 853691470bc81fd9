using Microsoft.EntityFrameworkCore;
using Pilote.Demo;
using Pilote.Plans;
using Pilote.Testing;

namespace Pilote.Office.Tests;

/// <summary>The demo workspace in a fresh test database, and the reports the exports are written from.</summary>
public static class DemoPlans
{
    public static readonly DateOnly Today = new(2026, 11, 22);
    public static readonly FixedClock Clock = new(Today.Year, Today.Month, Today.Day);

    public static async Task<TestDatabase> LoadAsync(string provider)
    {
        var db = await TestDatabase.CreateAsync(provider);
        await using var ctx = db.Open();
        await new DemoWorkspace(ctx, Clock).LoadAsync(replace: false);
        return db;
    }

    public static async Task<(PlanReport Report, List<string> Channels)> ReportAsync(TestDatabase db, string planName)
    {
        await using var ctx = db.Open();
        var plan = await PlanLoader.FindAsync(ctx, planName);
        var report = await PlanReportBuilder.BuildAsync(ctx, plan.Id, Today);
        var channels = await ctx.Channels.Where(c => c.WorkspaceId == plan.WorkspaceId).OrderBy(c => c.Position)
            .Select(c => c.Name).ToListAsync();
        return (report, channels);
    }

    /// <summary>A temporary folder for written files, removed by the caller.</summary>
    public static string Folder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "pilote-office-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }
}
