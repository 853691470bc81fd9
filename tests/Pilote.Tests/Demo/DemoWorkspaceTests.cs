using Microsoft.EntityFrameworkCore;
using Pilote.Actions;
using Pilote.Data;
using Pilote.Demo;
using Pilote.Kpis;
using Pilote.Plans;
using Pilote.Targets;
using Pilote.Testing;

namespace Pilote.Tests.Demo;

public sealed class DemoWorkspaceTests
{
    // A Sunday: the LocalScope plan started on Monday 17 August 2026 and 13 full weeks are measured.
    private static readonly FixedClock Clock = new(2026, 11, 22);
    private static readonly DateOnly Today = new(2026, 11, 22);

    private static async Task<PlanReport> LocalScopeAsync(PiloteDb db)
    {
        var plan = await db.Plans.SingleAsync(p => p.Name == DemoWorkspace.LocalScopeName);
        return await PlanReportBuilder.BuildAsync(db, plan.Id, Today);
    }

    private static KpiEvaluation Kpi(PlanReport report, string titleStart, string kpi) =>
        report.Actions.Single(a => a.Action.Title.StartsWith(titleStart, StringComparison.Ordinal)).Kpis.Single(k => k.Kpi == kpi);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task LocalScope_newsletter_open_rate_is_the_ratio_of_sums_worked_by_hand(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var db = test.Open();
        await new DemoWorkspace(db, Clock).LoadAsync(replace: false);
        var report = await LocalScopeAsync(db);
        Assert.Equal(new DateOnly(2026, 8, 17), report.Plan.Start);
        Assert.Equal(new DateOnly(2027, 2, 14), report.Plan.End);

        // Seven sends. Delivered: 1812 + 1830 + 1845 + 1861 + 1870 + 1884 + 1902 = 13 004.
        // Unique opens: 598 + 631 + 640 + 615 + 660 + 652 + 671 = 4 467. Unique clicks: 81 + 88 + 92 + 79 + 95 + 90 + 97 = 622.
        // Open rate = 4 467 / 13 004 = 34,35 %; the mean of the seven send rates would be a different (wrong) number.
        var open = Kpi(report, "Newsletter", "taux_ouverture");
        Assert.Equal(4467m / 13004m, open.Actual);
        var meanOfRates = DemoWorkspace.NewsletterSends.Average(s => (decimal)s.UniqueOpens / s.Delivered);
        Assert.NotEqual(meanOfRates, open.Actual);
        Assert.Equal(4467m / 13004m / 0.30m, open.Attainment);
        Assert.Equal(KpiStatus.Met, open.Status);

        var clicks = Kpi(report, "Newsletter", "ctr_email");
        Assert.Equal(622m / 13004m, clicks.Actual);
        Assert.Equal(KpiStatus.Met, clicks.Status);

        // The first MVP report: 38 + 61 + 84 + 72 + 51 + 34 = 340 downloads against 300, due 27/09/2026.
        var downloads = Kpi(report, "MVP — Rapport", "telechargements");
        Assert.Equal(340m, downloads.Actual);
        Assert.Equal(340m / 300m, downloads.Attainment);
        Assert.Equal(new DateOnly(2026, 9, 27), downloads.Deadline);
        Assert.Equal(KpiStatus.Met, downloads.Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task LocalScope_cost_per_lead_is_total_spend_over_total_leads(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var db = test.Open();
        await new DemoWorkspace(db, Clock).LoadAsync(replace: false);
        var report = await LocalScopeAsync(db);
        var sea = report.Actions.Single(a => a.Action.Title.StartsWith("Campagne Google Ads", StringComparison.Ordinal));
        var rows = await db.Measurements.Where(m => m.ActionId == sea.Action.Id).ToListAsync();
        var spend = rows.Where(r => r.Metric == "spend").Sum(r => r.Value);
        var leads = rows.Where(r => r.Metric == "leads").Sum(r => r.Value);
        Assert.Equal(91, rows.Count(r => r.Metric == "spend"));

        var cpl = sea.Kpis.Single(k => k.Kpi == "cpl");
        Assert.Equal(spend / leads, cpl.Actual);
        Assert.Equal(40m / (spend / leads), cpl.Attainment);
        Assert.Equal(KpiStatus.OffTrack, cpl.Status);
        Assert.Equal(spend, sea.Action.Spent);
        Assert.InRange(cpl.Actual!.Value, 45m, 60m);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task LocalScope_shows_every_kind_of_KPI_status_over_all_channels(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var db = test.Open();
        await new DemoWorkspace(db, Clock).LoadAsync(replace: false);
        var report = await LocalScopeAsync(db);
        var statuses = report.Actions.SelectMany(a => a.Kpis).Select(k => k.Status).ToHashSet();
        Assert.Subset(statuses, new HashSet<KpiStatus> { KpiStatus.Met, KpiStatus.OnTrack, KpiStatus.AtRisk, KpiStatus.OffTrack, KpiStatus.NoData });
        Assert.InRange(report.Actions.Count, 12, 20);
        var channels = await db.Channels.Where(c => c.WorkspaceId == report.Plan.WorkspaceId).Select(c => c.Id).ToListAsync();
        Assert.Equal(channels.Order(), report.Actions.Select(a => a.Action.ChannelId).Distinct().Order());
        Assert.Equal(4, await db.Products.CountAsync(p => p.WorkspaceId == report.Plan.WorkspaceId));
        Assert.Equal(5, await db.Personas.CountAsync(p => p.WorkspaceId == report.Plan.WorkspaceId));
        Assert.Equal(3, report.Actions.Count(a => a.Action.Title.StartsWith("MVP", StringComparison.Ordinal)));
        Assert.Contains(report.Objectives, o => o.Smart.Ok);
        Assert.Contains(report.Objectives, o => !o.Smart.Ok);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_mini_case_holds_the_source_table_exactly(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var db = test.Open();
        await new DemoWorkspace(db, Clock).LoadAsync(replace: false);
        var plan = await db.Plans.SingleAsync(p => p.Name == DemoWorkspace.MiniCaseName);
        var loaded = await PlanLoader.LoadAsync(db, plan.Id);
        var rows = loaded.Actions.Select(a => (a.Title, a.Aim, Kpi: a.Kpis.Single().Kpi!.Name, Target: a.Kpis.Single().TargetText, a.Status)).ToList();
        Assert.Equal(
        [
            ("Emailing segmentation « Inactifs 90j »", "Réactivation", "Taux d'ouverture", ">25%", ActionStatus.InProgress),
            ("SEA campagne produit", "Génération de leads", "CPL", "<3€", ActionStatus.Ready),
            ("Publication reels TikTok", "Visibilité & viralité", "Partages", "1000", ActionStatus.Live),
        ], rows);
        var targets = loaded.Actions.Select(a => a.Kpis.Single().Target!).ToList();
        Assert.Equal((Comparator.GreaterThan, 0.25m), (targets[0].Comparator, targets[0].Value));
        Assert.Equal((Comparator.LessThan, 3m), (targets[1].Comparator, targets[1].Value));
        Assert.Equal((Comparator.AtLeast, 1000m), (targets[2].Comparator, targets[2].Value));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task NutriBoost_is_the_counter_example_no_number_no_KPI_no_tracking_budget_spent(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var db = test.Open();
        await new DemoWorkspace(db, Clock).LoadAsync(replace: false);
        var plan = await db.Plans.SingleAsync(p => p.Name == DemoWorkspace.NutriBoostName);
        var report = await PlanReportBuilder.BuildAsync(db, plan.Id, Today);
        Assert.Equal(new DateOnly(2026, 4, 1), plan.Start);
        Assert.Equal(new DateOnly(2026, 6, 30), plan.End);
        Assert.Equal(["social", "influence", "emailing", "pos", "sea"], report.Actions.Select(a => a.Action.Channel!.Key));
        Assert.All(report.Actions, a =>
        {
            Assert.Empty(a.Action.Kpis);
            Assert.Empty(a.Action.TrackingCodes);
            Assert.Equal(a.Action.PlannedBudget, a.Action.Spent);
        });
        Assert.Equal(plan.Budget, report.Summary.Spent);
        var objective = Assert.Single(report.Objectives);
        Assert.Equal(["number", "deadline", "metric"], objective.Smart.Missing);
        Assert.Equal(0, await db.Measurements.CountAsync(m => report.Actions.Select(a => a.Action.Id).Contains(m.ActionId)));
    }

    [Fact]
    public async Task The_demo_is_deterministic_and_reloading_replaces_it()
    {
        await using var a = await TestDatabase.CreateAsync("sqlite");
        await using var b = await TestDatabase.CreateAsync("sqlite");
        var first = await SnapshotAsync(a, replaceTwice: false);
        var second = await SnapshotAsync(b, replaceTwice: true);
        Assert.True(first.Count > 2000, $"only {first.Count} measurements");
        Assert.Equal(first, second);
    }

    private static async Task<List<string>> SnapshotAsync(TestDatabase test, bool replaceTwice)
    {
        await using (var db = test.Open())
        {
            await new DemoWorkspace(db, Clock).LoadAsync(replace: true);
            if (replaceTwice)
                await new DemoWorkspace(db, Clock).LoadAsync(replace: true);
        }
        await using var check = test.Open();
        Assert.Equal(1, await check.Workspaces.CountAsync(w => w.Slug == DemoWorkspace.Slug));
        Assert.Equal(3, await check.Plans.CountAsync());
        var rows = await check.Measurements
            .Join(check.Actions, m => m.ActionId, x => x.Id, (m, x) => new { x.Title, m.Metric, m.PeriodStart, m.PeriodEnd, m.Value })
            .ToListAsync();
        return rows.Select(r => $"{r.Title}|{r.Metric}|{r.PeriodStart}|{r.PeriodEnd}|{r.Value}").Order().ToList();
    }
}
