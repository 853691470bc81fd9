using Microsoft.EntityFrameworkCore;
using Pilote.Actions;
using Pilote.Dashboards;
using Pilote.Data;
using Pilote.Demo;
using Pilote.Measurements;
using Pilote.Targets;
using Pilote.Testing;

namespace Pilote.Tests.Dashboards;

public sealed class DashboardServiceTests
{
    // A Sunday: LocalScope started on Monday 17 August 2026; 13 full weeks are measured (the last day is 15 November).
    private static readonly FixedClock Clock = new(2026, 11, 22);
    private static readonly DateOnly Today = new(2026, 11, 22);

    private static async Task<int> LoadDemoAsync(PiloteDb db)
    {
        await new DemoWorkspace(db, Clock).LoadAsync(replace: false);
        return await db.Plans.Where(p => p.Name == DemoWorkspace.LocalScopeName).Select(p => p.Id).SingleAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task LocalScope_summary_zone_and_budget_by_channel_match_the_plan_counted_by_hand(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var db = test.Open();
        var planId = await LoadDemoAsync(db);

        var dashboard = await new DashboardService(db).BuildAsync(planId, Today);

        // 16 actions: the two MVP steps done, 11 live, the inactive-relaunch in progress, the banners paused, the forum planned.
        var s = dashboard.Summary;
        Assert.Equal(16, s.Actions);
        Assert.Equal(2, Count(ActionStatus.Done));
        Assert.Equal(11, Count(ActionStatus.Live));
        Assert.Equal(1, Count(ActionStatus.InProgress));
        Assert.Equal(1, Count(ActionStatus.Paused));
        Assert.Equal(1, Count(ActionStatus.Planned));
        Assert.Equal(0, Count(ActionStatus.Ready));
        // 6 000 + 500 + 3 000 + 7 000 + 24 000 + 15 000 + 2 400 + 800 + 1 500 + 9 000 + 4 000 + 5 000 + 8 000 + 12 000 + 1 200 + 2 000.
        Assert.Equal(101_400m, s.Planned);
        Assert.Equal(0, s.Overdue);

        // Emailing: the newsletter (2 400 planned, 1 100 spent) and the inactive relaunch (800, 300).
        var emailing = dashboard.Channels.Single(c => c.Channel == "emailing");
        Assert.Equal((2, 3_200m, 1_400m), (emailing.Actions, emailing.Planned, emailing.Spent));
        // Content: the first report (6 000, 5 400) and the webinar (5 000, 2 300).
        var content = dashboard.Channels.Single(c => c.Channel == "content");
        Assert.Equal((2, 11_000m, 7_700m), (content.Actions, content.Planned, content.Spent));
        Assert.Equal(s.Planned, dashboard.Channels.Sum(c => c.Planned));
        Assert.Equal(s.Spent, dashboard.Channels.Sum(c => c.Spent));
        // The SEA campaign's 24 000 is the largest line, so it leads the list.
        Assert.Equal("sea", dashboard.Channels[0].Channel);

        // One tile per action KPI: 25 in all, and the KPI-status counts add up to them.
        Assert.Equal(25, dashboard.Tiles.Count);
        Assert.Equal(25, s.KpisByStatus.Sum(k => k.Count));

        int Count(ActionStatus status) => s.ByStatus.Single(b => b.Status == status).Count;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_tile_shows_actual_against_target_with_its_weekly_series(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var db = test.Open();
        var planId = await LoadDemoAsync(db);

        var dashboard = await new DashboardService(db).BuildAsync(planId, Today);

        // The first report: 38 + 61 + 84 + 72 + 51 + 34 = 340 downloads against 300 by Sunday 27 September.
        var downloads = dashboard.Tiles.Single(t => t.Action.StartsWith("MVP — Rapport", StringComparison.Ordinal));
        Assert.Equal(340m, downloads.Actual);
        Assert.Equal("300", downloads.Target);
        Assert.Equal(340m / 300m, downloads.Attainment);
        Assert.Equal(KpiStatus.Met, downloads.Status);
        Assert.Equal(new DateOnly(2026, 9, 27), downloads.Deadline);
        Assert.Equal([38m, 61m, 84m, 72m, 51m, 34m], downloads.Weekly.Select(w => w.Value!.Value));
        Assert.Equal(new DateOnly(2026, 8, 17), downloads.Weekly[0].Monday);

        // The newsletter's open rate is 4 467 opens over 13 004 delivered; one send every two weeks, so every other
        // week has no value. Fourteen full weeks end by Sunday 22 November; the first send (day 2, Wednesday 19 August)
        // is 598 / 1 812, and the fourteenth week (16 to 22 November) has no send.
        var open = dashboard.Tiles.Single(t => t.Action.StartsWith("Newsletter", StringComparison.Ordinal) && t.Kpi == "taux_ouverture");
        Assert.Equal(4467m / 13004m, open.Actual);
        Assert.Equal(14, open.Weekly.Count);
        Assert.Equal(598m / 1812m, open.Weekly[0].Value);
        Assert.Null(open.Weekly[1].Value);
        Assert.Null(open.Weekly[13].Value);
        Assert.Equal(7, open.Weekly.Count(w => w.Value is not null));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Attention_lists_kpis_off_track_then_at_risk_overdue_actions_and_live_actions_gone_quiet(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var db = test.Open();
        var planId = await LoadDemoAsync(db);
        var service = new DashboardService(db);

        var before = await service.BuildAsync(planId, Today);
        // The Google Ads cost per lead (spend over leads, 45 to 60 €) misses its < 40 € target: off track.
        Assert.Contains(before.Attention, a => a.Kind == AttentionKind.KpiOffTrack && a.Kpi == "cpl" && a.Action.StartsWith("Campagne Google Ads", StringComparison.Ordinal));
        var offTrack = before.Tiles.Count(t => t.Status == KpiStatus.OffTrack);
        var atRisk = before.Tiles.Count(t => t.Status == KpiStatus.AtRisk);
        Assert.Equal(offTrack, before.Attention.Count(a => a.Kind == AttentionKind.KpiOffTrack));
        Assert.Equal(atRisk, before.Attention.Count(a => a.Kind == AttentionKind.KpiAtRisk));
        var kinds = before.Attention.Select(a => a.Kind).ToList();
        Assert.Equal(kinds.OrderBy(k => k), kinds);
        // Every live action was measured in the last 14 days (the demo's last day is 15 November).
        Assert.DoesNotContain(before.Attention, a => a.Kind is AttentionKind.Overdue or AttentionKind.NoRecentMeasurement);

        // The inactive relaunch now ends on Friday 20 November and is still in progress: overdue.
        // The banners go live again, but their last measurement is Sunday 11 October (56 days from 17 August): quiet.
        var relaunch = await db.Actions.SingleAsync(a => a.PlanId == planId && a.Title.StartsWith("Relance"));
        var banners = await db.Actions.SingleAsync(a => a.PlanId == planId && a.Title.StartsWith("Bannières"));
        relaunch.Due = new DateOnly(2026, 11, 20);
        banners.Status = ActionStatus.Live;
        await db.SaveChangesAsync();

        var after = await service.BuildAsync(planId, Today);
        var overdue = Assert.Single(after.Attention, a => a.Kind == AttentionKind.Overdue);
        Assert.Equal(relaunch.Id, overdue.ActionId);
        Assert.Equal(new DateOnly(2026, 11, 20), overdue.Due);
        Assert.Equal(1, after.Summary.Overdue);
        var quiet = Assert.Single(after.Attention, a => a.Kind == AttentionKind.NoRecentMeasurement);
        Assert.Equal(banners.Id, quiet.ActionId);
        Assert.Equal(new DateOnly(2026, 10, 11), quiet.LastMeasured);
    }

    [Fact]
    public async Task The_version_stamp_moves_when_a_measurement_arrives_or_an_action_changes_and_not_otherwise()
    {
        await using var test = await TestDatabase.CreateAsync("sqlite");
        await using var db = test.Open();
        var planId = await LoadDemoAsync(db);
        var service = new DashboardService(db);

        var first = await service.StampAsync(planId);
        Assert.Equal(first, await service.StampAsync(planId));

        var sea = await db.Actions.SingleAsync(a => a.PlanId == planId && a.Title.StartsWith("Campagne Google Ads"));
        db.Measurements.Add(new Measurement
        {
            ActionId = sea.Id, Metric = "leads", PeriodStart = Today, PeriodEnd = Today, Value = 3, Source = "manual", RecordedAt = Clock.GetUtcNow(),
        });
        await db.SaveChangesAsync();
        var second = await service.StampAsync(planId);
        Assert.NotEqual(first, second);

        sea.Status = ActionStatus.Paused;
        await db.SaveChangesAsync();
        Assert.NotEqual(second, await service.StampAsync(planId));
        Assert.Equal("", await service.StampAsync(999_999));
    }
}
