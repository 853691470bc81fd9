using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pilote.Plans;
using Pilote.Reports;
using Pilote.Testing;

namespace Pilote.App.Tests.Reviews;

public sealed class ReviewCommandTests
{
    private static JsonElement Recommendation(JsonElement review, string titleStart) =>
        review.Items("recommendations").Single(r => r.Str("actionTitle")!.StartsWith(titleStart, StringComparison.Ordinal));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task LocalScope_review_stops_what_fails_and_keeps_what_works(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await CliRun.OkAsync(db, "demo");

        // Default: last week, the demo's thirteenth measured week.
        var review = await CliRun.JsonAsync(db, "review", "LocalScope");
        Assert.Equal("2026-W46", review.Str("week"));
        Assert.Equal("2026-11-09", review.Str("weekStart"));
        Assert.False(review.GetProperty("fromSnapshot").GetBoolean());

        // SEA: CPL ~52 € against < 40 €, for weeks, with real spend: never amplified; here, stopped.
        var sea = Recommendation(review, "Campagne Google Ads");
        Assert.Equal("stop", sea.Str("decision"));
        Assert.InRange(sea.GetProperty("numbers").Num("value")!.Value, 48m, 56m);
        Assert.Equal(40m, sea.GetProperty("numbers").Num("target"));
        Assert.True(sea.GetProperty("numbers").Num("optimistic") > 44m, "even the optimistic end misses by more than 10 %");
        Assert.Contains("semaines de suite", sea.Str("reason"));
        Assert.Contains("de son budget dépensé", sea.Str("reason"));
        // Display banners, paused at a 0,25 % CTR against > 0,35 %: not amplified.
        var display = Recommendation(review, "Bannières");
        Assert.NotEqual("amplify", display.Str("decision"));
        Assert.InRange(display.GetProperty("numbers").Num("value")!.Value, 0.0022m, 0.0028m);
        // Newsletter at 34 % against > 30 %: not stopped.
        var newsletter = Recommendation(review, "Newsletter");
        Assert.NotEqual("stop", newsletter.Str("decision"));
        Assert.InRange(newsletter.GetProperty("numbers").Num("value")!.Value, 0.33m, 0.36m);
        Assert.All(review.Items("recommendations"), r => Assert.Contains(r.Str("decision"), new[] { "amplify", "maintain", "adjust", "stop" }));

        // Per action and KPI: the week's value, to date, target, pace, forecast and trend.
        var seaCpl = review.Items("kpis").Single(k => k.Str("action")!.StartsWith("Campagne Google Ads") && k.Str("kpi") == "cpl");
        Assert.NotNull(seaCpl.Num("week"));
        Assert.NotNull(seaCpl.Num("toDate"));
        Assert.Equal("<40 €", seaCpl.Str("target"));
        Assert.Contains(seaCpl.Str("trend"), new[] { "improving", "worsening", "stable" });

        // The budget moves away from the stopped SEA, to an action that is not stopped, with its numbers.
        var moves = review.Items("reallocation");
        Assert.NotEmpty(moves);
        var stopped = review.Items("recommendations").Where(r => r.Str("decision") == "stop").Select(r => r.GetProperty("action").GetInt32()).ToHashSet();
        Assert.All(moves, m =>
        {
            Assert.DoesNotContain(m.GetProperty("to").GetInt32(), stopped);
            Assert.True(m.Num("amount") > 0);
            // The next result on each side against its own target, so that a move toward a dearer result reads right.
            Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(m.Str("reason")!, @"le prochain résultat y coûte [\d\s\u202F]+ € \(\d+,\d× sa cible\)").Count);
        });
        var fromSea = moves.First(m => m.GetProperty("from").GetInt32() == sea.GetProperty("action").GetInt32());
        // Each side's cost against its own target: the SEA's CPL to date, over its 40 € target, reads as a multiple.
        var cpl = seaCpl.Num("toDate")!.Value;
        var times = Math.Round(cpl / 40m, 1).ToString("0.##", System.Globalization.CultureInfo.GetCultureInfo("fr-FR"));
        Assert.Contains($"(CPL {Math.Round(cpl, 0):0} € = {times}× sa cible de 40 €)", fromSea.Str("reason")!.Replace('\u202f', ' ').Replace('\u00a0', ' '));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_decided_week_keeps_its_numbers_whatever_is_imported_later(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await CliRun.OkAsync(db, "demo");
        var before = await CliRun.JsonAsync(db, "review", "LocalScope", "--week", "2026-W46");
        var seaBefore = Recommendation(before, "Campagne Google Ads");

        var decided = await CliRun.JsonAsync(db, "review", "decide", "LocalScope", "--week", "2026-W46", "--action", "Campagne Google Ads",
            "--decision", "change", "--to", "adjust", "--reason", "On garde les requêtes de marque, on coupe le générique");
        Assert.Equal("stop", decided.Str("recommended"));
        Assert.Equal("change", decided.Str("verdict"));
        Assert.Equal("adjust", decided.Str("chosen"));
        Assert.Equal("testeur", decided.Str("decidedBy"));

        // A late import lands in that week: 200 leads at no cost would change the CPL completely.
        await CliRun.OkAsync(db, "measures", "add", "LocalScope", "--action", "Campagne Google Ads", "--metric", "leads", "--date", "2026-11-12", "--value", "200");

        var after = await CliRun.JsonAsync(db, "review", "LocalScope", "--week", "2026-W46");
        Assert.True(after.GetProperty("fromSnapshot").GetBoolean());
        var seaAfter = Recommendation(after, "Campagne Google Ads");
        Assert.Equal(seaBefore.Str("decision"), seaAfter.Str("decision"));
        Assert.Equal(seaBefore.GetProperty("numbers").Num("value"), seaAfter.GetProperty("numbers").Num("value"));
        var decision = Assert.Single(after.Items("decisions"));
        Assert.Equal("On garde les requêtes de marque, on coupe le générique", decision.Str("reason"));

        // The same week in English is the English half of the same snapshot.
        var english = await CliRun.JsonAsync(db, "review", "LocalScope", "--week", "2026-W46", "--lang", "en");
        Assert.Contains("in a row", Recommendation(english, "Campagne Google Ads").Str("reason"));

        // The week after is not decided: it is computed from what is stored now, and counts the late leads.
        var next = await CliRun.JsonAsync(db, "review", "LocalScope", "--week", "2026-W47");
        Assert.False(next.GetProperty("fromSnapshot").GetBoolean());
        Assert.True(Recommendation(next, "Campagne Google Ads").GetProperty("numbers").Num("value") < 30m);

        // The decision log lists it; the audit no longer says the plan was never reviewed.
        var log = await CliRun.JsonAsync(db, "review", "log", "LocalScope");
        var entry = Assert.Single(log.EnumerateArray());
        Assert.Equal("2026-W46", entry.Str("week"));
        var audit = await CliRun.RunAsync(db, "audit", "LocalScope", "--json");
        Assert.DoesNotContain(audit.Json.Items("findings"), f => f.Str("rule") == "no-review-cadence");
    }

    [Fact]
    public async Task A_decision_is_dated_on_the_day_it_was_taken_where_the_team_is()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        await CliRun.OkAsync(db, "demo");
        // 00:30 on Monday 23 November in Paris is still Sunday 22 in UTC: the log, the report and the workbooks said 22/11.
        var paris = new FixedClock(new DateTimeOffset(2026, 11, 22, 23, 30, 0, TimeSpan.Zero)) { Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris") };
        Task<CliResult> Run(params string[] args) => CliRun.RunAsync(paris, [.. args, "--db", db.DbArgument]);
        var decided = await Run("review", "decide", "LocalScope", "--week", "2026-W46", "--action", "Campagne Google Ads",
            "--decision", "accepter", "--reason", "On coupe le générique");
        // Accepted is said once: the command line read « accepté → arrêter », as if it were a change.
        Assert.Equal("Arbitrage consigné pour « Campagne Google Ads « rapports pays » » (2026-W46) : recommandé arrêter, accepté.", decided.Out.Trim());

        var log = await Run("review", "log", "LocalScope");
        Assert.Contains("23/11/2026", log.Out);
        Assert.DoesNotContain("22/11/2026", log.Out);
        await using var ctx = db.Open();
        var plan = await PlanLoader.FindAsync(ctx, "LocalScope");
        var report = await CommitteeReportService.BuildAsync(ctx, plan.Id, null, null, CliRun.Today, true, paris);
        Assert.Contains("testeur, 23/11/2026", new ReportWords(report).DecisionCells(Assert.Single(report.Decisions)));
    }

    [Fact]
    public async Task A_decision_is_said_in_the_readers_words_not_its_stored_ids()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        await CliRun.OkAsync(db, "demo");

        // The ids (stop, change, adjust) stay in --json; a French line said « recommandé stop, modifié → adjust ».
        var decided = await CliRun.OkAsync(db, "review", "decide", "LocalScope", "--week", "2026-W46", "--action", "Campagne Google Ads",
            "--decision", "modifier", "--to", "ajuster", "--reason", "On coupe le générique");
        Assert.Equal("Arbitrage consigné pour « Campagne Google Ads « rapports pays » » (2026-W46) : recommandé arrêter, modifié → ajuster.", decided.Out.Trim());
        var review = await CliRun.OkAsync(db, "review", "LocalScope", "--week", "2026-W46");
        Assert.Contains("Arbitrage #1 — action #5 : modifié → ajuster (On coupe le générique, testeur)", review.Out);
        // The KPI table's columns in the reader's words ("Pace" was left in English).
        Assert.Contains("Rythme", review.Out);
        Assert.DoesNotContain("Pace", review.Out);

        var english = await CliRun.OkAsync(db, "review", "LocalScope", "--week", "2026-W46", "--lang", "en");
        Assert.Contains("Decision #1 — action #5: changed → adjust (On coupe le générique, testeur)", english.Out);
        Assert.Contains("Pace", english.Out);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Decisions_refuse_what_makes_no_sense_and_write_nothing(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await CliRun.OkAsync(db, "demo");
        string[] common = ["review", "decide", "LocalScope", "--week", "2026-W46", "--action", "Newsletter"];
        var cases = new (string[] Args, string French, string English)[]
        {
            ([.. common, "--decision", "maybe", "--reason", "x"],
                "--decision : « maybe » n'est pas une décision (accepter, modifier ou rejeter)", "--decision: 'maybe' is not accept, change or reject"),
            ([.. common, "--decision", "change", "--reason", "x"],
                "--to : une décision modifiée dit ce que l'équipe décide à la place (amplifier, maintenir, ajuster ou arrêter)",
                "--to: a changed decision says what the team decides instead (amplify, maintain, adjust or stop)"),
            ([.. common, "--decision", "accept", "--to", "stop", "--reason", "x"],
                "--to : seule une décision modifiée (--decision modifier) en nomme une autre", "--to: only a changed decision names another decision"),
            ([.. common, "--decision", "accept", "--reason", "  "],
                "--reason : une décision a besoin de sa justification", "--reason: a decision needs its rationale"),
            (["review", "decide", "LocalScope", "--week", "2026-W46", "--action", "Stand au salon", "--decision", "accept", "--reason", "x"],
                "n'a pas de recommandation dans la revue 2026-W46", "has no recommendation in the review of 2026-W46"),
            (["review", "LocalScope", "--week", "2026-W54"], "--week : l'année 2026 n'a pas de semaine 54", "--week: 2026 has no week 54"),
        };
        foreach (var (args, french, english) in cases)
        {
            var run = await CliRun.RunAsync(db, args);
            Assert.True(run.Exit == 2, $"{string.Join(' ', args)}: {run}");
            Assert.Contains(french, Assert.Single(run.ErrLines));
            var en = await CliRun.RunAsync(db, [.. args, "--lang", "en"]);
            Assert.True(en.Exit == 2, $"{string.Join(' ', args)} --lang en: {en}");
            Assert.Contains(english, Assert.Single(en.ErrLines));
        }
        var log = await CliRun.JsonAsync(db, "review", "log", "LocalScope");
        Assert.Empty(log.EnumerateArray());
        // The refused "no recommendation" decision ran after the snapshot was taken: the transaction undid it too.
        var review = await CliRun.JsonAsync(db, "review", "LocalScope", "--week", "2026-W46");
        Assert.False(review.GetProperty("fromSnapshot").GetBoolean());
    }

    [Fact]
    public async Task A_week_before_the_plan_starts_judges_nothing_and_says_when_it_starts()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        await CliRun.OkAsync(db, "plan", "new", "--name", "T1", "--start", "2027-01-04", "--end", "2027-03-28", "--budget", "20 000");
        await CliRun.OkAsync(db, "action", "add", "T1", "--title", "SEA", "--channel", "sea", "--kpi", "cpl", "--target", "<3€", "--status", "live");
        await CliRun.OkAsync(db, "action", "add", "T1", "--title", "Salon", "--channel", "events", "--kpi", "leads", "--target", "150", "--status", "live",
            "--start", "2027-02-01");

        // The Monday before the launch: no verdict on actions that were not meant to run yet, and the reason in words.
        var before = await CliRun.JsonAsync(db, "review", "T1", "--date", "2026-12-28");
        Assert.Empty(before.Items("recommendations"));
        Assert.Empty(before.Items("reallocation"));
        Assert.Equal("le plan commence le 04/01/2027 : rien à arbitrer ni à réallouer avant son lancement", Assert.Single(before.Strings("notes")));
        // Its KPIs are still listed, with nothing measured and nothing invented.
        Assert.All(before.Items("kpis"), k => Assert.Equal(("no_data", true, true), (k.Str("status"), k.IsNull("toDate"), k.IsNull("forecast"))));
        var en = await CliRun.JsonAsync(db, "review", "T1", "--date", "2026-12-28", "--lang", "en");
        Assert.Equal("the plan starts on 04/01/2027: nothing to arbitrate or reallocate before it does", Assert.Single(en.Strings("notes")));
        // In the terminal: the reason, not « aucune action n'est en cours » (the SEA is live, the plan has not started).
        var text = (await CliRun.OkAsync(db, "review", "T1", "--date", "2026-12-28")).Out;
        Assert.Contains("• le plan commence le 04/01/2027 : rien à arbitrer ni à réallouer avant son lancement", text);
        Assert.DoesNotContain("aucune action n'est en cours", text);

        // In the plan's first week, the trade show starting in February is not judged yet either.
        var first = await CliRun.JsonAsync(db, "review", "T1", "--date", "2027-01-04");
        Assert.Equal("SEA", Assert.Single(first.Items("recommendations")).Str("actionTitle"));
        Assert.Contains(first.Strings("notes"), n => n == "1 action pas encore lancée, terminée ou arrêtée : pas d'arbitrage (Salon)");
    }

    [Fact]
    public async Task A_week_after_the_plan_ends_keeps_its_final_numbers_and_asks_for_no_decision()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        await CliRun.OkAsync(db, "demo");

        // LocalScope ended on 14/02/2027. A fortnight later there is nothing to stop, speed up or reallocate any more:
        // before, the SEA still read « arrêter et réallouer » next to « aucun budget à réallouer ».
        var after = await CliRun.JsonAsync(db, "review", "LocalScope", "--date", "2027-03-01");
        Assert.Empty(after.Items("recommendations"));
        Assert.Empty(after.Items("reallocation"));
        Assert.Contains("le plan est terminé depuis le 14/02/2027 : plus rien à arbitrer, aucun budget à réallouer", after.Strings("notes"));
        // The KPIs as they ended: the SEA's CPL to date is still there, nothing measured that week.
        var cpl = after.Items("kpis").Single(k => k.Str("action")!.StartsWith("Campagne Google Ads", StringComparison.Ordinal) && k.Str("kpi") == "cpl");
        Assert.InRange(cpl.Num("toDate")!.Value, 48m, 56m);
        Assert.True(cpl.IsNull("week"));
        var en = await CliRun.JsonAsync(db, "review", "LocalScope", "--date", "2027-03-01", "--lang", "en");
        Assert.Contains("the plan ended on 14/02/2027: nothing left to arbitrate, no budget left to reallocate", en.Strings("notes"));
        // And a decision on that week is refused: there is no recommendation to decide on.
        var decide = await CliRun.RunAsync(db, "review", "decide", "LocalScope", "--date", "2027-03-01", "--action", "Campagne Google Ads", "--decision", "accept",
            "--reason", "bilan");
        Assert.Equal(2, decide.Exit);
    }

    [Fact]
    public async Task The_first_week_claims_no_interval_it_has_not_measured_and_the_budget_spent_by_then()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        await CliRun.OkAsync(db, "demo");

        // LocalScope's first week (from 17/08/2026), read three months later.
        var first = await CliRun.JsonAsync(db, "review", "LocalScope", "--date", "2026-08-17");
        // SEO traffic, one week measured: no spread to speak of, so no « au mieux » equal to the forecast itself, and the
        // verdict says it is early instead of « en retard, revoir l'exécution ou la cible ».
        var seo = Recommendation(first, "Articles piliers");
        Assert.Equal("adjust", seo.Str("decision"));
        Assert.DoesNotContain("au mieux", seo.Str("reason"));
        Assert.Contains("en retard sur 1 semaine de mesures seulement, trop tôt pour conclure", seo.Str("reason"));
        // Its spend is not measured: today's « spent » field (46 % of its budget) is not what that week had spent.
        Assert.DoesNotContain("de son budget dépensé", seo.Str("reason"));
        Assert.True(seo.GetProperty("numbers").IsNull("spent"));

        // The SEA campaign's spend is measured: the share is what it had spent by the end of that week, not 45 %.
        var sea = Recommendation(first, "Campagne Google Ads");
        var spent = sea.GetProperty("numbers").Num("spent")!.Value;
        Assert.InRange(spent, 1m, 2_000m);
        Assert.InRange(sea.GetProperty("numbers").Num("budgetSpentShare")!.Value, 0.01m, 0.08m);
        Assert.DoesNotContain("45 % de son budget", sea.Str("reason")!.Replace('\u202f', ' ').Replace('\u00a0', ' '));

        // Last week's review still counts the action's spent field, which is about now.
        var last = Recommendation(await CliRun.JsonAsync(db, "review", "LocalScope"), "Campagne Google Ads");
        Assert.True(last.GetProperty("numbers").Num("spent") > 10_000m);
    }

    [Fact]
    public async Task An_older_weeks_remaining_budget_is_what_was_left_by_its_end_not_today()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        await CliRun.OkAsync(db, "demo");
        // A plan budget just over what LocalScope's actions have spent by now (42 969,43 €).
        await using (var ctx = db.Open())
            await ctx.Plans.Where(p => p.Name.StartsWith("LocalScope")).ExecuteUpdateAsync(u => u.SetProperty(p => p.Budget, 44_000m));
        static string[] Remaining(JsonElement review) =>
            [.. review.Items("notes").Select(n => n.GetString()!).Where(n => n.Contains("budget restant", StringComparison.Ordinal))];

        // Last week: 1 031 € left, fewer than the actions spend at their pace: the moves only transfer.
        var last = await CliRun.JsonAsync(db, "review", "LocalScope");
        Assert.Equal("au rythme actuel les actions dépasseraient le budget restant du plan (1 031 €) : les déplacements ne font que transférer, sans rien ajouter",
            Assert.Single(Remaining(last)).Replace('\u202f', ' '));
        // In September most of that had not been spent: the note was about today's spend, not that week's.
        var september = await CliRun.JsonAsync(db, "review", "LocalScope", "--date", "2026-09-21");
        Assert.NotEmpty(september.Items("reallocation"));
        Assert.Empty(Remaining(september));
    }

    [Fact]
    public async Task An_english_review_writes_targets_in_english_formats_and_a_french_one_as_typed()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        await CliRun.OkAsync(db, "demo");

        // The demo's targets were typed in French (« >0,35% », « 20 000 », « <40 € »): an English reader got them as typed,
        // French numbers inside English sentences (« against a target of >0,35% », « for a target of 20 000 »).
        var en = await CliRun.JsonAsync(db, "review", "LocalScope", "--date", "2026-11-16", "--lang", "en");
        Assert.Contains("against a target of > 0.35%:", Recommendation(en, "Bannières").Str("reason"));
        Assert.Contains("for a target of 20,000,", Recommendation(en, "Articles piliers").Str("reason"));
        Assert.Contains("against a target of < €40:", Recommendation(en, "Campagne Google Ads").Str("reason"));
        string Target(JsonElement review, string title, string kpi) =>
            review.Items("kpis").Single(k => k.Str("action")!.StartsWith(title, StringComparison.Ordinal) && k.Str("kpi") == kpi).Str("target")!;
        Assert.Equal(("< €40", "> €1,500", "top 10", "> 2 min"),
            (Target(en, "Campagne Google Ads", "cpl"), Target(en, "Programme de fidélité", "ltv"), Target(en, "Articles piliers", "position_moyenne"),
                Target(en, "Webinaire", "temps_moyen_page")));

        // In French, the team's own words, as every table shows them.
        var fr = await CliRun.JsonAsync(db, "review", "LocalScope", "--date", "2026-11-16");
        Assert.Contains("contre une cible de >0,35% :", Recommendation(fr, "Bannières").Str("reason"));
        Assert.Equal("<40 €", Target(fr, "Campagne Google Ads", "cpl"));
    }

    [Fact]
    public async Task A_reason_names_the_other_kpis_as_the_table_does_in_the_readers_language()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        await CliRun.OkAsync(db, "demo");

        // The influencer partnerships hold their engagement rate but not their UGC count: the reason says which KPI is off
        // track by the name the KPI table shows, not by its catalog key (« ugc hors trajectoire »).
        var fr = Recommendation(await CliRun.JsonAsync(db, "review", "LocalScope", "--date", "2026-11-16"), "Partenariats");
        Assert.Equal("adjust", fr.Str("decision"));
        Assert.Contains("tenue, mais UGC généré hors trajectoire", fr.Str("reason"));
        var en = Recommendation(await CliRun.JsonAsync(db, "review", "LocalScope", "--date", "2026-11-16", "--lang", "en"), "Partenariats");
        Assert.Contains("holding, but UGC generated off track", en.Str("reason"));
        Assert.DoesNotContain("ugc", fr.Str("reason")! + en.Str("reason"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_plan_with_nothing_measured_gets_a_review_that_says_why(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await CliRun.OkAsync(db, "plan", "new", "--name", "Vide", "--start", "2026-10-05", "--end", "2026-12-27");
        await CliRun.OkAsync(db, "action", "add", "Vide", "--title", "SEA", "--channel", "sea", "--kpi", "cpl", "--target", "<3€", "--status", "live");
        await CliRun.OkAsync(db, "action", "add", "Vide", "--title", "Salon", "--channel", "events", "--status", "live");

        var review = await CliRun.JsonAsync(db, "review", "Vide");
        var sea = Recommendation(review, "SEA");
        Assert.Equal("adjust", sea.Str("decision"));
        Assert.Contains("rien de mesuré", sea.Str("reason"));
        Assert.True(sea.GetProperty("numbers").IsNull("value"));
        Assert.Contains("aucun KPI chiffré", Recommendation(review, "Salon").Str("reason"));
        Assert.Empty(review.Items("reallocation"));
        Assert.Contains(review.Strings("notes"), n => n!.StartsWith("réallocation impossible"));

        // NutriBoost: nothing to arbitrate, and the review says so instead of inventing numbers.
        await CliRun.OkAsync(db, "demo");
        var nutri = await CliRun.JsonAsync(db, "review", "NutriBoost", "--date", "2026-06-15");
        Assert.Empty(nutri.Items("recommendations"));
        Assert.Contains(nutri.Strings("notes"), n => n!.Contains("pas d'arbitrage"));
        // In the terminal: a sentence instead of an empty table.
        var text = (await CliRun.OkAsync(db, "review", "NutriBoost", "--date", "2026-06-15")).Out;
        Assert.Contains("• aucune recommandation cette semaine : aucune action n'est en cours", text);
        Assert.DoesNotContain("Recommandation", text);
        await CliRun.OkAsync(db, "plan", "new", "--name", "Sans KPI");
        var bare = (await CliRun.OkAsync(db, "review", "Sans KPI")).Out;
        Assert.Contains("• aucun indicateur à revoir : aucune action du plan n'a encore de KPI", bare);
        Assert.DoesNotContain("Tendance", bare);
        // Numbers and dates in the plan's culture, as its reasons are: an en-US plan read in French.
        await CliRun.OkAsync(db, "plan", "new", "--name", "US", "--culture", "en-US");
        Assert.Contains("(11/16/2026 → 11/22/2026)", (await CliRun.OkAsync(db, "review", "US", "--date", "2026-11-18")).Out);
    }
}
