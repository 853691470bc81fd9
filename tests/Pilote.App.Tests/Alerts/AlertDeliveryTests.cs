using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pilote.Alerts;
using Pilote.App.Alerts;
using Pilote.Data;
using Pilote.Testing;
using Quartz;

namespace Pilote.App.Tests.Alerts;

public sealed class AlertDeliveryTests
{
    private const string Demo = "Démo — LocalScope & NutriBoost";
    private static readonly DateOnly Today = CliRun.Today;
    private static readonly FixedClock Clock = new(Today.Year, Today.Month, Today.Day);

    private static async Task<TestDatabase> DemoAsync(string provider, params string[] subscribe)
    {
        var db = await TestDatabase.CreateAsync(provider);
        await CliRun.OkAsync(db, "demo");
        await CliRun.OkAsync(db, ["alerts", "subscribe", "--workspace", Demo, .. subscribe]);
        return db;
    }

    private static async Task<AlertRunResult> RunAsync(TestDatabase db, AlertOptions options, string instance = "test", bool digest = false)
    {
        await using var ctx = db.Open();
        return await new AlertService(ctx, Clock, options, instance).RunAsync(Today, digest);
    }

    private static async Task<List<AlertDelivery>> LedgerAsync(TestDatabase db)
    {
        await using var ctx = db.Open();
        return await ctx.AlertDeliveries.AsNoTracking().OrderBy(d => d.Id).ToListAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Alerts_and_the_weekly_digest_reach_an_SMTP_server_once(string provider)
    {
        await using var db = await DemoAsync(provider, "--email", "salma@example.com", "--kinds", "kpi-off-track,no-measurement", "--digest");
        await using var sink = new SmtpSink();
        var options = new AlertOptions(SmtpHost: "127.0.0.1", SmtpPort: sink.Port, From: "pilote@example.com");

        var first = await RunAsync(db, options, digest: true);
        var ledger = await LedgerAsync(db);
        Assert.Equal(ledger.Count, first.Sent);
        Assert.All(ledger, d => Assert.Equal((DeliveryStatus.Sent, 1, "salma@example.com"), (d.Status, d.Attempts, d.Recipient)));
        // The demo's off-track KPIs (the SEA's CPL among them) and its live actions with nothing measured, then the digest.
        Assert.Contains(ledger, d => d.Kind == AlertKinds.KpiOffTrack && d.Title == "CPL hors trajectoire — Campagne Google Ads « rapports pays »");
        Assert.Contains(ledger, d => d.Kind == AlertKinds.NoMeasurement);
        Assert.DoesNotContain(ledger, d => d.Kind is AlertKinds.OverdueAction or AlertKinds.OverBudget);
        var digest = Assert.Single(ledger, d => d.Kind == AlertKinds.Digest);
        Assert.Equal(ledger.Count - 1, digest.Message.Split('\n').Length);

        Assert.Equal(ledger.Count, sink.Messages.Count);
        Assert.All(sink.Messages, m => Assert.Equal("salma@example.com", m.To));
        Assert.Contains(sink.Messages, m => m.Data.Contains("Subject: =?utf-8?") || m.Data.Contains("Subject: CPL hors trajectoire"));

        // The next hour's run finds the same situations: nothing new is sent.
        var second = await RunAsync(db, options, digest: true);
        Assert.Equal((0, 0), (second.New, second.Sent));
        Assert.Equal(ledger.Count, sink.Messages.Count);
    }

    [Fact]
    public async Task Webhooks_are_signed_retried_after_a_failure_and_refused_on_private_addresses()
    {
        const string secret = "s3cret-partage";
        await using var receiver = new WebhookReceiver(secret, failFirst: 1);
        await using var db = await DemoAsync("sqlite", "--email", "ops@example.com", "--channel", "webhook", "--webhook", receiver.Url, "--kinds", "no-measurement");

        // Private and loopback addresses are refused by default: nothing reaches the receiver, the refusal is logged.
        var refused = await RunAsync(db, new AlertOptions(WebhookSecret: secret, Backoff: TimeSpan.FromMilliseconds(20)));
        Assert.Equal(2, refused.Refused);
        Assert.Empty(receiver.Requests);
        Assert.All(await LedgerAsync(db), d =>
        {
            Assert.Equal(DeliveryStatus.Refused, d.Status);
            Assert.Contains("127.0.0.1 is a private, loopback or link-local address: refused", d.LastError);
        });
        Assert.True(WebhookSender.IsPrivate(System.Net.IPAddress.Parse("169.254.169.254")));
        Assert.True(WebhookSender.IsPrivate(System.Net.IPAddress.Parse("10.1.2.3")));
        Assert.True(WebhookSender.IsPrivate(System.Net.IPAddress.Parse("fe80::1")));
        Assert.False(WebhookSender.IsPrivate(System.Net.IPAddress.Parse("93.184.216.34")));

        // Allowed by the administrator (a receiver on the same machine): the first answer is a 500, the retry goes through.
        await using (var ctx = db.Open())
            await ctx.AlertDeliveries.ExecuteDeleteAsync();
        var run = await RunAsync(db, new AlertOptions(WebhookSecret: secret, AllowPrivateWebhooks: true, Backoff: TimeSpan.FromMilliseconds(20)));
        Assert.Equal(2, run.Sent);
        var ledger = await LedgerAsync(db);
        Assert.Equal([2, 1], ledger.Select(d => d.Attempts));
        Assert.All(ledger, d => Assert.Equal(DeliveryStatus.Sent, d.Status));
        Assert.Equal(3, receiver.Requests.Count);
        Assert.All(receiver.Requests, r => Assert.True(r.SignatureValid, "signature does not match timestamp.body"));
        var text = JsonDocument.Parse(receiver.Requests.Last().Body).RootElement.GetProperty("text").GetString();
        Assert.StartsWith("*Aucune mesure depuis 14 jours — ", text);
    }

    [Fact]
    public async Task A_mail_server_that_is_down_blocks_nothing_and_its_failure_is_visible()
    {
        await using var db = await DemoAsync("sqlite", "--email", "salma@example.com", "--kinds", "no-measurement");
        int closedPort;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            closedPort = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }
        var options = new AlertOptions(SmtpHost: "127.0.0.1", SmtpPort: closedPort, Backoff: TimeSpan.FromMilliseconds(10), AttemptsPerRun: 2);
        var run = await RunAsync(db, options);
        Assert.Equal((2, 0, 2), (run.New, run.Sent, run.Retrying));
        var ledger = await LedgerAsync(db);
        // The first message is tried twice; the second is not tried again in the same run (the server just failed), and
        // carries the same error.
        Assert.Equal([2, 0], ledger.Select(d => d.Attempts));
        Assert.All(ledger, d =>
        {
            Assert.Equal(DeliveryStatus.Retrying, d.Status);
            Assert.Contains($"SMTP 127.0.0.1:{closedPort}", d.LastError);
            Assert.NotNull(d.NextAttemptMs);
        });
        var list = await CliRun.JsonAsync(db, "alerts", "list", "--status", "retrying");
        Assert.Equal(2, list.GetArrayLength());

        // The server comes back; once the wait is over, the next run delivers.
        await using var sink = new SmtpSink();
        Clock.Now = Clock.Now.AddMinutes(5);
        try
        {
            var later = await RunAsync(db, options with { SmtpPort = sink.Port });
            Assert.True(later.Sent == 2, string.Join("\n", (await LedgerAsync(db)).Select(d => $"{d.Status} {d.Attempts} {d.NextAttemptMs} {d.ClaimedUntilMs} {d.LastError} now {Clock.GetUtcNow().ToUnixTimeMilliseconds()}")) + $" {later}");
            Assert.Equal([(DeliveryStatus.Sent, 3, null), (DeliveryStatus.Sent, 1, null)], (await LedgerAsync(db)).Select(d => (d.Status, d.Attempts, d.LastError)));
        }
        finally
        {
            Clock.Now = Clock.Now.AddMinutes(-5);
        }
    }

    [Fact]
    public async Task Emails_wait_for_a_mail_server_to_be_configured_and_a_week_later_are_stale()
    {
        await using var db = await DemoAsync("sqlite", "--email", "salma@example.com", "--kinds", "no-measurement");
        var clock = new FixedClock(Clock.Now);
        async Task<AlertRunResult> Run(AlertOptions options)
        {
            await using var ctx = db.Open();
            return await new AlertService(ctx, clock, options, "test").RunAsync(Today, digest: false);
        }

        // No server yet: the two alerts wait, with no attempt spent and the reason visible.
        var held = await Run(new AlertOptions());
        Assert.Equal((2, 0, 2, 0), (held.New, held.Sent, held.Retrying, held.Failed));
        Assert.All(await LedgerAsync(db), d => Assert.Equal((DeliveryStatus.Retrying, 0, "no SMTP server configured (PILOTE_SMTP_HOST)"), (d.Status, d.Attempts, d.LastError)));

        // The administrator sets one two days later: the next run sends them.
        clock.Now = clock.Now.AddDays(2);
        await using var sink = new SmtpSink();
        var sent = await Run(new AlertOptions(SmtpHost: "127.0.0.1", SmtpPort: sink.Port));
        Assert.Equal(2, sent.Sent);
        Assert.Equal(2, sink.Messages.Count);
        Assert.All(await LedgerAsync(db), d => Assert.Equal((DeliveryStatus.Sent, 1, null), (d.Status, d.Attempts, d.LastError)));

        // Never configured: a week on, a waiting alert is stale and failed rather than sent late.
        await using (var ctx = db.Open())
            await ctx.AlertDeliveries.ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DeliveryStatus.Pending).SetProperty(d => d.Attempts, 0));
        clock.Now = clock.Now.AddDays(6);
        var stale = await Run(new AlertOptions());
        Assert.Equal((0, 2), (stale.Retrying, stale.Failed));
        Assert.All(await LedgerAsync(db), d => Assert.Equal((DeliveryStatus.Failed, "no SMTP server configured (PILOTE_SMTP_HOST): not sent within 7 days"), (d.Status, d.LastError)));
    }

    [Fact]
    public async Task A_webhook_that_is_down_costs_one_message_a_run_and_holds_up_no_email()
    {
        int closedPort;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            closedPort = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }
        // The team's channel is down; Salma's email is not. Six off-track KPIs in the demo: six messages each.
        await using var db = await DemoAsync("sqlite", "--email", "ops@example.com", "--channel", "webhook", "--webhook", $"http://127.0.0.1:{closedPort}/hook",
            "--kinds", "kpi-off-track");
        await CliRun.OkAsync(db, "alerts", "subscribe", "--workspace", Demo, "--email", "salma@example.com", "--kinds", "kpi-off-track");
        await using var sink = new SmtpSink();
        var options = new AlertOptions(SmtpHost: "127.0.0.1", SmtpPort: sink.Port, AllowPrivateWebhooks: true, Backoff: TimeSpan.FromMilliseconds(300));

        var run = await RunAsync(db, options);
        var ledger = await LedgerAsync(db);
        var hooks = ledger.Where(d => d.Channel == AlertChannel.Webhook).ToList();
        var mails = ledger.Where(d => d.Channel == AlertChannel.Email).ToList();
        Assert.Equal((6, 6), (hooks.Count, mails.Count));
        Assert.Equal((6, 6), (run.Sent, run.Retrying));
        Assert.All(mails, d => Assert.Equal(DeliveryStatus.Sent, d.Status));
        Assert.Equal(6, sink.Messages.Count);
        // One webhook message tried three times (0,3 s then 0,6 s apart), the five others left for the next run with its error.
        Assert.Equal([3, 0, 0, 0, 0, 0], hooks.Select(d => d.Attempts));
        Assert.All(hooks, d =>
        {
            Assert.Equal(DeliveryStatus.Retrying, d.Status);
            Assert.StartsWith("127.0.0.1: ", d.LastError);
            Assert.Equal(hooks[0].NextAttemptMs, d.NextAttemptMs);
        });
    }

    [Fact]
    public async Task An_SMTP_server_that_refuses_the_login_is_a_visible_error_not_an_aborted_run()
    {
        await using var db = await DemoAsync("sqlite", "--email", "salma@example.com", "--kinds", "no-measurement");
        await using var sink = new SmtpSink();
        // The administrator set a login the server does not offer (the sink advertises no AUTH); then a From it cannot read.
        var options = new AlertOptions(SmtpHost: "127.0.0.1", SmtpPort: sink.Port, SmtpUser: "pilote", SmtpPassword: "secret",
            Backoff: TimeSpan.FromMilliseconds(10));
        var run = await RunAsync(db, options);
        Assert.Equal((2, 0, 2), (run.New, run.Sent, run.Retrying));
        Assert.All(await LedgerAsync(db), d =>
        {
            Assert.Equal(DeliveryStatus.Retrying, d.Status);
            Assert.Equal($"SMTP 127.0.0.1:{sink.Port}: The SMTP server does not support authentication.", d.LastError);
        });
        Assert.Empty(sink.Messages);
        var list = await CliRun.JsonAsync(db, "alerts", "list", "--status", "retrying");
        Assert.Equal(2, list.GetArrayLength());

        await using (var ctx = db.Open())
            await ctx.AlertDeliveries.ExecuteDeleteAsync();
        var badFrom = await RunAsync(db, new AlertOptions(SmtpHost: "127.0.0.1", SmtpPort: sink.Port, From: "Pilote <pilote@", Backoff: TimeSpan.FromMilliseconds(10)));
        Assert.Equal((0, 2), (badFrom.Sent, badFrom.Retrying));
        Assert.All(await LedgerAsync(db), d => Assert.StartsWith($"SMTP 127.0.0.1:{sink.Port}: ", d.LastError));
    }

    [Fact]
    public async Task Instances_and_the_clustered_scheduler_on_one_PostgreSQL_never_send_an_alert_twice()
    {
        Assert.True(PostgresCluster.Available || Environment.GetEnvironmentVariable("CI") != "true", "PostgreSQL is required on CI");
        if (!PostgresCluster.Available)
            return;
        await using var db = await DemoAsync("postgres", "--email", "salma@example.com", "--kinds", "kpi-off-track,no-measurement");
        await using var sink = new SmtpSink();
        var options = new AlertOptions(SmtpHost: "127.0.0.1", SmtpPort: sink.Port);

        // Two app instances racing on the same checks: the ledger's unique key and the claims let each alert out once.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => RunAsync(db, options, $"instance-{i}"))));
        var ledger = await LedgerAsync(db);
        Assert.NotEmpty(ledger);
        Assert.Equal(ledger.Count, sink.Messages.Count);
        Assert.Equal(ledger.Count, sink.Messages.Select(m => m.Data).Distinct().Count());

        // And through Quartz: the clustered scheduler on the app's database, its check job fired twice at once.
        // (Quartz keeps one scheduler per name in a process, so this is one node; the race between instances
        // is the one above, settled by the ledger.)
        await using (var ctx = db.Open())
            await ctx.AlertDeliveries.ExecuteDeleteAsync();
        sink.Messages.Clear();
        var services = new ServiceCollection().AddSingleton(db.Target).AddSingleton<TimeProvider>(Clock).AddSingleton(options).BuildServiceProvider();
        var a = new AlertSchedulerService(services, db.Target, "node-a");
        await a.StartAsync(default);
        try
        {
            var key = new JobKey("alert-checks", "pilote");
            var scheduler = await a.StartedAsync(TimeSpan.FromSeconds(60));
            Assert.True((await scheduler.GetMetaData()).JobStoreClustered);
            await scheduler.TriggerJob(key);
            await scheduler.TriggerJob(key);
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (DateTime.UtcNow < deadline && (sink.Messages.Count < ledger.Count || (await scheduler.GetCurrentlyExecutingJobs()).Count > 0))
                await Task.Delay(200);
            await Task.Delay(1000);
            Assert.Equal(ledger.Count, sink.Messages.Count);
            Assert.Equal(ledger.Count, (await LedgerAsync(db)).Count(d => d.Status == DeliveryStatus.Sent));
        }
        finally
        {
            await a.StopAsync(default);
        }
    }
}
