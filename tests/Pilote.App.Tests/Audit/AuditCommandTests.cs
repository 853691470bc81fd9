using System.Text.Json;
using Pilote.Testing;

namespace Pilote.App.Tests.Audit;

public sealed class AuditCommandTests
{
    private static List<(string Rule, string? Severity, string? Subject)> Findings(JsonElement audit) =>
        [.. audit.Items("findings").Select(f => (f.Str("rule")!, f.Str("severity"), f.Str("subject")))];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task NutriBoost_raises_what_the_source_says_went_wrong(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await CliRun.OkAsync(db, "demo");

        var run = await CliRun.RunAsync(db, "audit", "NutriBoost", "--json");
        Assert.Equal(1, run.Exit); // errors found: a team's own checks fail on it
        var findings = Findings(run.Json);
        foreach (var f in run.Json.Items("findings"))
            foreach (var field in new[] { "rule", "severity", "subject", "message", "hint" })
                Assert.False(string.IsNullOrWhiteSpace(f.Str(field)), $"{f.Str("rule")} has no {field}");

        // « Pas d'objectif chiffré »
        Assert.Contains(findings, f => f is ("objective-not-quantified", "error", _));
        // « Aucun tableau de bord intégré »: none of the five channels has a KPI.
        Assert.Equal(5, findings.Count(f => f is ("action-without-kpi", "error", _)));
        // « Pas de mécanisme de suivi en temps réel », « aucun lien tracké », « pas de code promo »: no action is tracked.
        Assert.Equal(5, findings.Count(f => f is ("action-without-tracking", "error", _)));
        // « 40 % du budget … sans retour mesurable », « budget dépensé sans suivi du coût/conversion »: money spent, nothing measured.
        var blindMoney = run.Json.Items("findings").Where(f => f.Str("rule") == "budget-without-return-kpi").ToList();
        Assert.Equal(5, blindMoney.Count);
        Assert.All(blindMoney, f => Assert.Equal("error", f.Str("severity")));
        Assert.Contains(blindMoney, f => f.Str("subject")!.Contains("Ads Google") && f.Str("message")!.Replace('\u202f', ' ').Contains("24 000 € dépensés"));
        // « Impossible de dire quel canal a généré des ventes »: the objective is served by no action.
        Assert.Contains(findings, f => f is ("objective-without-action", _, _));
        // « Reporting improvisé après coup »: never reviewed.
        Assert.Contains(findings, f => f is ("no-review-cadence", _, _));
        Assert.InRange(run.Json.GetProperty("score").GetInt32(), 0, 49);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_complete_plan_raises_no_error_and_exits_0(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await CliRun.OkAsync(db, "plan", "new", "--name", "Complet", "--start", "2026-11-16", "--end", "2027-02-28", "--budget", "10 000");
        await CliRun.OkAsync(db, "objective", "add", "Complet", "--statement", "Générer 200 leads", "--kpi", "leads", "--target", "200",
            "--deadline", "2027-02-28", "--owner", "Ana");
        await CliRun.OkAsync(db, "action", "add", "Complet", "--title", "Google Ads", "--channel", "sea", "--kpi", "cpl", "--target", "<40 €",
            "--owner", "Ana", "--start", "2026-11-16", "--due", "2027-02-28", "--status", "live", "--budget", "6 000", "--utm", "complet-sea",
            "--objective", "Générer 200 leads");
        await CliRun.OkAsync(db, "measures", "add", "Complet", "--action", "Google Ads", "--metric", "spend", "--date", "2026-11-20", "--value", "300");
        await CliRun.OkAsync(db, "measures", "add", "Complet", "--action", "Google Ads", "--metric", "leads", "--date", "2026-11-20", "--value", "9");

        var run = await CliRun.RunAsync(db, "audit", "Complet", "--json");
        Assert.True(run.Exit == 0, run.ToString());
        Assert.DoesNotContain(Findings(run.Json), f => f.Severity == "error");
        Assert.Equal(100, run.Json.GetProperty("score").GetInt32());

        // The table says so in words, in French by default and in English on request.
        var table = await CliRun.OkAsync(db, "audit", "Complet");
        Assert.Contains("score 100/100", table.Out);
        var english = await CliRun.OkAsync(db, "audit", "Complet", "--lang", "en");
        Assert.Contains("Nothing found", english.Out);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Unknown_plan_is_bad_input(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var run = await CliRun.RunAsync(db, "audit", "nope");
        Assert.Equal(2, run.Exit);
        Assert.Contains("plan : « nope » introuvable", run.Err);
        var english = await CliRun.RunAsync(db, "audit", "nope", "--lang", "en");
        Assert.Contains("plan 'nope' not found", english.Err);
    }
}
