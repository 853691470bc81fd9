using Microsoft.EntityFrameworkCore;
using Pilote.Alerts;
using Pilote.Testing;

namespace Pilote.App.Tests.Alerts;

/// <summary>Alert subscriptions belong to people: linked to their account, sent to it in its language, one digest a week each.</summary>
public sealed class AlertPreferenceTests
{
    private const string Demo = "Démo — LocalScope & NutriBoost";
    private static readonly DateOnly Today = CliRun.Today;
    private static readonly FixedClock Clock = new(Today.Year, Today.Month, Today.Day);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_subscription_for_a_users_email_is_linked_to_the_account_now_or_when_it_is_created(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await CliRun.OkAsync(db, "demo");
        await CliRun.OkAsync(db, "user", "add", "marie@localscope.fr", "--workspace", "demo", "--role", "editor");

        // Typed in another case: still the same person.
        var linked = await CliRun.OkAsync(db, "alerts", "subscribe", "--workspace", Demo, "--email", "Marie@LocalScope.fr", "--kinds", "overdue-action");
        Assert.Contains("lié au compte de cette personne", linked.Out);
        // A team mailbox with no account stays keyed by its address...
        var mailbox = await CliRun.OkAsync(db, "alerts", "subscribe", "--workspace", Demo, "--email", "equipe@localscope.fr", "--digest");
        Assert.DoesNotContain("lié au compte", mailbox.Out);

        await using (var ctx = db.Open())
        {
            var marie = await ctx.Users.SingleAsync(u => u.NormalizedEmail == "MARIE@LOCALSCOPE.FR");
            var rows = await ctx.AlertSubscriptions.AsNoTracking().OrderBy(s => s.Id).ToListAsync();
            Assert.Equal([marie.Id, null], rows.Select(r => r.UserId));
            Assert.Equal(["overdue-action", string.Join(",", AlertKinds.All)], rows.Select(r => r.Kinds));
        }

        // ...until someone creates the account: its subscriptions become the person's.
        await CliRun.OkAsync(db, "user", "add", "equipe@localscope.fr", "--workspace", "demo", "--role", "viewer");
        await using (var ctx = db.Open())
        {
            var team = await ctx.Users.SingleAsync(u => u.NormalizedEmail == "EQUIPE@LOCALSCOPE.FR");
            var row = await ctx.AlertSubscriptions.AsNoTracking().SingleAsync(s => s.Email == "equipe@localscope.fr");
            Assert.Equal(team.Id, row.UserId);
            // The person's page reads what the CLI wrote: all four alerts and the digest, by email.
            var pref = await new AlertPreferences(ctx, Clock).ForUserAsync(team.Id, row.WorkspaceId);
            Assert.Equal(AlertKinds.Choices, pref.EmailKinds);
            Assert.Empty(pref.WebhookKinds);
        }

        var bad = await CliRun.RunAsync(db, "alerts", "subscribe", "--workspace", Demo, "--email", "marie@localscope.fr", "--channel", "webhook");
        Assert.Equal(2, bad.Exit);
        Assert.Equal("pilote: --webhook : un abonnement webhook demande une adresse http(s)", Assert.Single(bad.ErrLines));
        var badEn = await CliRun.RunAsync(db, "alerts", "subscribe", "--workspace", Demo, "--email", "marie@localscope.fr", "--channel", "webhook", "--lang", "en");
        Assert.Equal(2, badEn.Exit);
        Assert.Equal("pilote: --webhook: a webhook subscription needs an http(s) URL", Assert.Single(badEn.ErrLines));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_weekly_digest_goes_once_per_person_in_their_language_across_their_workspaces(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await CliRun.OkAsync(db, "demo");
        await CliRun.OkAsync(db, "workspace", "add", "Client B — Boulangerie");
        await CliRun.OkAsync(db, "user", "add", "tom@agence.example", "--workspace", "demo", "--role", "viewer", "--culture", "en-GB");
        await CliRun.OkAsync(db, "user", "add", "tom@agence.example", "--workspace", "client-b-boulangerie", "--role", "viewer", "--culture", "en-GB");
        await CliRun.OkAsync(db, "alerts", "subscribe", "--workspace", Demo, "--email", "tom@agence.example", "--kinds", "no-measurement", "--digest");
        await CliRun.OkAsync(db, "alerts", "subscribe", "--workspace", "Client B — Boulangerie", "--email", "tom@agence.example", "--kinds", "no-measurement", "--digest");
        // Someone without an account keeps the French default.
        await CliRun.OkAsync(db, "alerts", "subscribe", "--workspace", Demo, "--email", "equipe@localscope.fr", "--kinds", "no-measurement", "--digest");
        // Tom changes his address after subscribing: his alerts follow the account.
        await using (var ctx = db.Open())
        {
            var tom = await ctx.Users.SingleAsync(u => u.NormalizedEmail == "TOM@AGENCE.EXAMPLE");
            tom.Email = "tom.martin@agence.example";
            await ctx.SaveChangesAsync();
        }

        await using var sink = new SmtpSink();
        var options = new AlertOptions(SmtpHost: "127.0.0.1", SmtpPort: sink.Port, From: "pilote@example.com");
        AlertRunResult first;
        await using (var ctx = db.Open())
            first = await new AlertService(ctx, Clock, options, "test").RunAsync(Today, digest: true);

        await using (var ctx = db.Open())
        {
            var ledger = await ctx.AlertDeliveries.AsNoTracking().OrderBy(d => d.Id).ToListAsync();
            Assert.Equal(ledger.Count, first.Sent);
            var digests = ledger.Where(d => d.Kind == AlertKinds.Digest).ToList();
            // Two digests: one for Tom (two workspaces, one message), one for the team mailbox.
            Assert.Equal(2, digests.Count);
            var toms = Assert.Single(digests, d => d.Recipient == "tom.martin@agence.example");
            var alerts = ledger.Where(d => d.Recipient == "tom.martin@agence.example" && d.Kind == AlertKinds.NoMeasurement).ToList();
            Assert.Equal(2, alerts.Count);
            Assert.All(alerts, a => Assert.StartsWith("Nothing measured for 14 days — ", a.Title));
            Assert.StartsWith("Pilote — digest of week ", toms.Title);
            Assert.EndsWith("(2 alerts)", toms.Title);
            // Each line names its workspace, since Tom follows two.
            Assert.All(toms.Message.Split('\n'), line => Assert.StartsWith($"• [{Demo}] Nothing measured for 14 days — ", line));
            var team = Assert.Single(digests, d => d.Recipient == "equipe@localscope.fr");
            Assert.StartsWith("Pilote — synthèse de la semaine ", team.Title);
            Assert.All(team.Message.Split('\n'), line => Assert.StartsWith("• Aucune mesure depuis 14 jours — ", line));
        }
        Assert.Equal(first.Sent, sink.Messages.Count);
        // Tom: the demo's two unmeasured live actions and one digest; the mailbox the same. Six messages, no more.
        Assert.Equal((3, 3, 6), (sink.Messages.Count(m => m.To == "tom.martin@agence.example"), sink.Messages.Count(m => m.To == "equipe@localscope.fr"), first.Sent));

        // The next run finds the same situations: nothing new, nothing sent twice.
        await using (var ctx = db.Open())
        {
            var second = await new AlertService(ctx, Clock, options, "test").RunAsync(Today, digest: true);
            Assert.Equal((0, 0), (second.New, second.Sent));
        }
        Assert.Equal(first.Sent, sink.Messages.Count);
    }

    [Fact]
    public async Task An_off_track_alert_names_its_kpi_in_the_persons_language()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        await CliRun.OkAsync(db, "demo");
        await CliRun.OkAsync(db, "user", "add", "tom@agence.example", "--workspace", "demo", "--role", "viewer", "--culture", "en-GB");
        await CliRun.OkAsync(db, "alerts", "subscribe", "--workspace", Demo, "--email", "tom@agence.example", "--kinds", "kpi-off-track");
        await CliRun.OkAsync(db, "alerts", "subscribe", "--workspace", Demo, "--email", "equipe@localscope.fr", "--kinds", "kpi-off-track");

        await using var sink = new SmtpSink();
        await using (var ctx = db.Open())
            await new AlertService(ctx, Clock, new AlertOptions(SmtpHost: "127.0.0.1", SmtpPort: sink.Port), "test").RunAsync(Today, digest: false);

        await using (var ctx = db.Open())
        {
            var ledger = await ctx.AlertDeliveries.AsNoTracking().Where(d => d.Kind == AlertKinds.KpiOffTrack).ToListAsync();
            // The win-back emailing's open rate (19 % against > 25 %): Tom reads English, the team mailbox French.
            var toms = Assert.Single(ledger, d => d.Recipient == "tom@agence.example" && d.Title.EndsWith("Relance « Inactifs 90j » segmentée", StringComparison.Ordinal));
            Assert.Equal("Open rate off track — Relance « Inactifs 90j » segmentée", toms.Title);
            Assert.Contains("): Open rate 19.", toms.Message);
            // The target in English formats too (typed « >25% »), and as typed for the French reader.
            Assert.EndsWith(" for a target of > 25%.", toms.Message);
            var team = Assert.Single(ledger, d => d.Recipient == "equipe@localscope.fr" && d.Title.EndsWith("Relance « Inactifs 90j » segmentée", StringComparison.Ordinal));
            Assert.Equal("Taux d'ouverture hors trajectoire — Relance « Inactifs 90j » segmentée", team.Title);
            Assert.EndsWith(" pour une cible de >25%.", team.Message);
            Assert.All(ledger, d => Assert.Equal(DeliveryStatus.Sent, d.Status));
        }
    }
}
