using Microsoft.EntityFrameworkCore;
using Pilote.Audit;
using Pilote.Demo;
using Pilote.Testing;

namespace Pilote.Tests.Audit;

/// <summary>A hint names KPIs as the reader will pick them: by name on the web app's pages, by key on the command line.</summary>
public sealed class AuditHintTests
{
    private static readonly FixedClock Clock = new(2026, 11, 22);
    private static readonly DateOnly Today = new(2026, 11, 22);

    [Fact]
    public async Task NutriBoosts_influencers_are_told_which_kpis_to_add_in_the_words_of_the_page_that_adds_them()
    {
        await using var test = await TestDatabase.CreateAsync("sqlite");
        await using var db = test.Open();
        await new DemoWorkspace(db, Clock).LoadAsync(replace: false);
        var plan = await db.Plans.SingleAsync(p => p.Name == DemoWorkspace.NutriBoostName);

        static string Hint(AuditResult audit) =>
            audit.Findings.Single(f => f.Rule == "action-without-kpi" && f.Subject.Contains("Campagne d'influenceurs", StringComparison.Ordinal)).Hint;

        // The health page and the committee report: the action page's KPI list reads « Taux d'engagement », « UGC généré ».
        var web = await AuditService.AuditAsync(db, plan.Id, Today, french: true, AuditSurface.WebApp);
        Assert.Equal("ajoutez un KPI du canal (Taux d'engagement, UGC généré) avec une cible", Hint(web));
        var webEn = await AuditService.AuditAsync(db, plan.Id, Today, french: false, AuditSurface.WebApp);
        Assert.Equal("add one of the channel's KPIs (Engagement rate, UGC generated) with a target", Hint(webEn));
        Assert.DoesNotContain(web.Findings.Concat(webEn.Findings), f => f.Hint.Contains("taux_", StringComparison.Ordinal) || f.Hint.Contains("codes_promo", StringComparison.Ordinal));

        // The command line keeps the keys `pilote action set … --kpi` takes.
        var cli = await AuditService.AuditAsync(db, plan.Id, Today, french: true, AuditSurface.CommandLine);
        Assert.Equal("ajoutez un KPI du canal (taux_engagement, ugc) avec une cible", Hint(cli));
    }
}
