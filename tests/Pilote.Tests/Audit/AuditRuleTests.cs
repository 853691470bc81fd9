using Pilote.Actions;
using Pilote.Audit;
using Pilote.Targets;

namespace Pilote.Tests.Audit;

/// <summary>Each rule fires on the one gap it is about, and stays silent on the complete plan.</summary>
public sealed class AuditRuleTests
{
    private static readonly string[] AllRules =
    [
        "objective-not-quantified", "objective-without-deadline", "objective-without-owner", "action-without-kpi",
        "kpi-without-target", "target-not-quantified", "action-without-owner", "action-without-deadline",
        "action-without-tracking", "budget-without-return-kpi", "kpi-channel-mismatch", "period-inverted",
        "stale-measurements", "budget-over-plan", "duplicate-tracking-code", "objective-without-action", "no-review-cadence",
    ];

    [Fact]
    public void A_complete_plan_raises_nothing_and_scores_100()
    {
        var result = new AuditPlans().Run();
        Assert.Empty(result.Findings);
        Assert.Equal(100, result.Score);
        Assert.False(result.HasErrors);
    }

    [Fact]
    public void Objective_without_a_number_is_an_error()
    {
        var p = new AuditPlans();
        p.Leads.TargetText = "beaucoup";
        p.Leads.TargetValue = null;
        Assert.Equal([("objective", 1, Severity.Error)], p.Fired("objective-not-quantified"));
        var finding = p.Run().Findings.Single(f => f.Rule == "objective-not-quantified");
        Assert.Contains("« beaucoup »", finding.Message);
        Assert.Equal("objectif #1 « Générer 500 leads »", finding.Subject);
    }

    [Fact]
    public void Objective_without_deadline_or_owner_are_warnings()
    {
        var p = new AuditPlans();
        p.Leads.Deadline = null;
        p.Leads.Owner = " ";
        Assert.Equal([("objective", 1, Severity.Warning)], p.Fired("objective-without-deadline"));
        Assert.Equal([("objective", 1, Severity.Warning)], p.Fired("objective-without-owner"));
    }

    [Fact]
    public void Objective_no_action_serves()
    {
        var p = new AuditPlans();
        foreach (var a in p.Plan.Actions)
            a.Objectives.Clear();
        Assert.Equal([("objective", 1, Severity.Warning)], p.Fired("objective-without-action"));
    }

    [Fact]
    public void Action_without_kpi_is_an_error()
    {
        var p = new AuditPlans();
        p.Articles.Kpis.Clear();
        Assert.Equal([("action", 2, Severity.Error)], p.Fired("action-without-kpi"));
        // The hint names the channel's own KPIs.
        Assert.Contains("position_moyenne, trafic", p.Run().Findings.Single(f => f.Rule == "action-without-kpi").Hint);
    }

    [Fact]
    public void Kpi_without_target_and_target_not_quantified()
    {
        var p = new AuditPlans();
        var none = p.Ads.Kpis[0];
        none.TargetText = null; none.Comparator = null; none.TargetValue = null;
        var vague = p.Articles.Kpis[0];
        vague.TargetText = "le plus possible"; vague.Comparator = null; vague.TargetValue = null;
        Assert.Equal([("kpi", 10, Severity.Error)], p.Fired("kpi-without-target"));
        Assert.Equal([("kpi", 20, Severity.Error)], p.Fired("target-not-quantified"));
    }

    [Fact]
    public void Action_without_owner_or_deadline_are_warnings()
    {
        var p = new AuditPlans();
        p.Ads.Owner = null;
        p.Articles.Due = null;
        Assert.Equal([("action", 1, Severity.Warning)], p.Fired("action-without-owner"));
        Assert.Equal([("action", 2, Severity.Warning)], p.Fired("action-without-deadline"));
    }

    [Fact]
    public void Tracking_is_an_error_once_the_action_runs_and_a_warning_before()
    {
        var p = new AuditPlans();
        p.Ads.TrackingCodes.Clear();
        p.Measured.Remove(1);
        p.Articles.TrackingCodes.Clear();
        p.Measured.Remove(2);
        p.Articles.Status = ActionStatus.Planned;
        Assert.Equal([("action", 1, Severity.Error), ("action", 2, Severity.Warning)], p.Fired("action-without-tracking"));

        // Measurements alone are a measurement source: no finding.
        var measured = new AuditPlans();
        measured.Ads.TrackingCodes.Clear();
        Assert.Empty(measured.Fired("action-without-tracking"));
    }

    [Fact]
    public void Budget_without_return_kpi_grades_by_what_was_measured()
    {
        var p = new AuditPlans();
        p.Ads.Kpis[0].Kpi = AuditPlans.Trafic; // money, but only a traffic count: the cost per result is unknown
        Assert.Equal([("action", 1, Severity.Info)], p.Fired("budget-without-return-kpi"));
        p.Measured.Remove(1);
        Assert.Equal([("action", 1, Severity.Error)], p.Fired("budget-without-return-kpi"));
        p.Ads.Spent = 0;
        Assert.Equal([("action", 1, Severity.Warning)], p.Fired("budget-without-return-kpi"));
        // The amount in the reader's culture: the plan's in French, en-GB in English.
        var money = p.Run().Findings.Single(f => f.Rule == "budget-without-return-kpi").Message;
        var english = p.Run(french: false).Findings.Single(f => f.Rule == "budget-without-return-kpi").Message;
        Assert.Matches(@"^budget de \d[\d\s\u202F]* € sans indicateur", money);
        Assert.Matches(@"^a budget of €\d{1,3}(,\d{3})* with no cost or return KPI", english);
        // No money at stake: nothing to return.
        p.Ads.PlannedBudget = null;
        Assert.Empty(p.Fired("budget-without-return-kpi"));
    }

    [Fact]
    public void Kpi_the_channel_cannot_produce()
    {
        var p = new AuditPlans();
        p.Articles.Kpis[0].Kpi = AuditPlans.OpenRate; // opens on SEO
        Assert.Equal([("kpi", 20, Severity.Warning)], p.Fired("kpi-channel-mismatch"));
        // A business outcome (cost per lead) is fine on any channel, even one that does not list it.
        var q = new AuditPlans();
        q.Articles.Kpis[0].Kpi = AuditPlans.Cpl;
        Assert.Empty(q.Fired("kpi-channel-mismatch"));
    }

    [Fact]
    public void Period_inverted_on_plan_action_and_target()
    {
        var p = new AuditPlans();
        p.Plan.End = p.Plan.Start.AddDays(-1);
        p.Ads.Due = p.Ads.Start!.Value.AddDays(-3);
        p.Articles.Kpis[0].Deadline = p.Articles.Start!.Value.AddDays(-1);
        Assert.Equal([("plan", 1, Severity.Error), ("action", 1, Severity.Error), ("kpi", 20, Severity.Error)], p.Fired("period-inverted"));
    }

    [Fact]
    public void Stale_measurements_after_fourteen_days_on_a_live_action()
    {
        var p = new AuditPlans();
        p.Measured[1] = new MeasuredSpan(AuditPlans.AsOf.AddDays(-15), 80);
        p.Measured[2] = new MeasuredSpan(AuditPlans.AsOf.AddDays(-14), 30);
        Assert.Equal([("action", 1, Severity.Warning)], p.Fired("stale-measurements"));
        Assert.Contains("15 jours", p.Run().Findings.Single(f => f.Rule == "stale-measurements").Message);
        // A paused action is not expected to be measured.
        p.Ads.Status = ActionStatus.Paused;
        Assert.Empty(p.Fired("stale-measurements"));
    }

    [Fact]
    public void Budget_over_plan_on_planned_or_spent_money()
    {
        var p = new AuditPlans();
        p.Articles.PlannedBudget = 8_001m; // 12 000 + 8 001 > 20 000
        Assert.Equal([("plan", 1, Severity.Error)], p.Fired("budget-over-plan"));
        Assert.Contains("20 001 €", p.Run().Findings.Single(f => f.Rule == "budget-over-plan").Message.Replace('\u202f', ' ').Replace('\u00a0', ' '));
        var q = new AuditPlans();
        q.Articles.PlannedBudget = 8_000m;
        Assert.Empty(q.Fired("budget-over-plan"));
    }

    [Fact]
    public void Duplicate_tracking_code_names_both_actions()
    {
        var p = new AuditPlans();
        p.Articles.TrackingCodes[0].Value = "T1-SEA";
        p.Articles.TrackingCodes[0].Normalized = "t1-sea";
        Assert.Equal([("action", 1, Severity.Error), ("action", 2, Severity.Error)], p.Fired("duplicate-tracking-code"));
        Assert.Contains("#2 Articles SEO", p.Run().Findings.First(f => f.Rule == "duplicate-tracking-code").Message);
    }

    [Fact]
    public void No_review_for_two_weeks_of_a_running_plan()
    {
        var p = new AuditPlans();
        p.LastReview = null;
        Assert.Equal([("plan", 1, Severity.Warning)], p.Fired("no-review-cadence"));
        p.LastReview = AuditPlans.AsOf.AddDays(-15);
        Assert.Equal([("plan", 1, Severity.Warning)], p.Fired("no-review-cadence"));
        p.LastReview = AuditPlans.AsOf.AddDays(-14);
        Assert.Empty(p.Fired("no-review-cadence"));
        // A plan that started less than two weeks ago has had no time to be reviewed.
        var young = new AuditPlans { LastReview = null };
        young.Plan.Start = AuditPlans.AsOf.AddDays(-10);
        Assert.Empty(young.Fired("no-review-cadence"));
    }

    [Fact]
    public void Score_falls_with_errors_more_than_warnings_and_messages_exist_in_english()
    {
        var warned = new AuditPlans();
        warned.Ads.Owner = null;
        var erred = new AuditPlans();
        erred.Ads.Kpis.Clear();
        Assert.InRange(warned.Run().Score, erred.Run().Score + 1, 99);

        var english = erred.Run(french: false).Findings.Single(f => f.Rule == "action-without-kpi");
        Assert.StartsWith("no KPI", english.Message);
        Assert.Equal("action #1 « Google Ads »", english.Subject);
    }

    [Fact]
    public void Every_rule_id_is_reachable()
    {
        // Break everything at once: every documented rule id shows up, and no other id does.
        var p = new AuditPlans { LastReview = null };
        p.Plan.Budget = 1m;
        p.Leads.TargetValue = null; p.Leads.Deadline = null; p.Leads.Owner = null;
        p.Plan.Objectives.Add(new Objectives.Objective { Id = 2, PlanId = 1, Statement = "Orpheline", TargetValue = 1, Comparator = Comparator.AtLeast, Deadline = p.Plan.End, Owner = "x" });
        p.Ads.Owner = null; p.Ads.Due = null; p.Ads.Kpis[0].TargetText = null; p.Ads.Kpis[0].Comparator = null;
        p.Ads.Kpis[0].Kpi = AuditPlans.OpenRate;
        p.Articles.Kpis.Clear(); p.Articles.TrackingCodes[0].Normalized = "t1-sea"; p.Articles.PlannedBudget = 100; p.Articles.Start = p.Plan.Start.AddDays(5); p.Articles.Due = p.Plan.Start;
        p.Measured.Clear();
        var third = p.Action(3, "Sans suivi", AuditPlans.Seo, 0, 0, (AuditPlans.Trafic, "beaucoup", 0), null);
        third.Kpis[0].Comparator = null;
        var rules = p.Run().Findings.Select(f => f.Rule).ToHashSet();
        Assert.Equal(AllRules.Order(), rules.Order());
        Assert.InRange(p.Run().Score, 0, 59);
    }
}
