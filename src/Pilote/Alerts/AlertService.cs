using Microsoft.EntityFrameworkCore;
using Pilote.Common;
using Pilote.Data;
using Pilote.Plans;
using Pilote.Reviews;

namespace Pilote.Alerts;

public sealed record AlertRunResult(int Found, int New, int Sent, int Retrying, int Failed, int Refused);

/// <summary>
/// Runs the checks on every plan of the workspaces someone subscribed in, records each alert once per person and
/// channel in the ledger (its unique key settles races between app instances), then delivers what is due. A mail or
/// webhook server that is down blocks nothing: the row is retried later with a growing wait, and its status and
/// last error stay visible (<c>pilote alerts list</c>). Shared by the scheduler, the CLI and the web app.
/// </summary>
public sealed class AlertService(PiloteDb db, TimeProvider clock, AlertOptions options, string instance)
{
    private static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(5);

    /// <summary>How long an email waits for the administrator to configure a mail server.</summary>
    private static readonly TimeSpan HeldAtMost = TimeSpan.FromDays(7);

    public async Task<AlertRunResult> RunAsync(DateOnly today, bool digest, CancellationToken ct = default)
    {
        var subscriptions = await db.AlertSubscriptions.AsNoTracking().OrderBy(s => s.WorkspaceId).ThenBy(s => s.Id).ToListAsync(ct);
        // A linked subscription follows its person: their current email, their language.
        var userIds = subscriptions.Where(s => s.UserId != null).Select(s => s.UserId!.Value).Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
            .Select(u => new { u.Id, u.Email, u.Culture }).ToDictionaryAsync(u => u.Id, ct);
        var workspaceIds = subscriptions.Select(s => s.WorkspaceId).Distinct().ToList();
        var names = await db.Workspaces.AsNoTracking().Where(w => workspaceIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, w => w.Name, ct);
        var week = ReviewBuilder.WeekId(ReviewBuilder.Monday(today));
        int found = 0, created = 0;
        var digests = new Dictionary<(string Person, AlertChannel Channel), PersonDigest>();
        foreach (var workspace in subscriptions.GroupBy(s => s.WorkspaceId))
        {
            var (french, english) = await EventsAsync(workspace.Key, today, ct);
            found += french.Count;
            foreach (var s in workspace)
            {
                var person = s.UserId is { } id && people.TryGetValue(id, out var p) ? p : null;
                var fr = person is null || !person.Culture.StartsWith("en", StringComparison.OrdinalIgnoreCase);
                var events = fr ? french : english;
                var recipient = s.Channel == AlertChannel.Webhook ? s.WebhookUrl ?? "" : person?.Email ?? s.Email;
                var wanted = s.Kinds.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet();
                var mine = events.Where(e => wanted.Contains(e.Kind)).ToList();
                foreach (var e in mine)
                {
                    var key = $"{e.Kind}|{e.PlanId}|{e.Subject}|{e.Period}|{s.Email.ToLowerInvariant()}|{s.Channel}";
                    created += await RecordAsync(key, s.WorkspaceId, recipient, s.Channel, e.PlanId, e.Kind, e.Subject, e.Title, e.Message, ct) ? 1 : 0;
                }
                if (digest && s.Digest)
                {
                    // One digest a week per person and channel, whatever the number of workspaces they follow.
                    var who = person is null ? s.Email.ToLowerInvariant() : $"user:{person.Id}";
                    if (!digests.TryGetValue((who, s.Channel), out var d))
                        digests[(who, s.Channel)] = d = new PersonDigest(who, s.WorkspaceId, recipient, s.Channel, fr, []);
                    d.Parts.Add((names.GetValueOrDefault(s.WorkspaceId, ""), mine));
                }
            }
        }
        foreach (var d in digests.Values)
        {
            var (title, text) = DigestText(d, week);
            created += await RecordAsync($"{AlertKinds.Digest}|{week}|{d.Person}|{d.Channel}", d.WorkspaceId, d.Recipient, d.Channel, null,
                AlertKinds.Digest, week, title, text, ct) ? 1 : 0;
        }
        var (sent, retrying, failed, refused) = await DeliverDueAsync(ct);
        return new AlertRunResult(found, created, sent, retrying, failed, refused);
    }

    private sealed record PersonDigest(string Person, int WorkspaceId, string Recipient, AlertChannel Channel, bool French,
        List<(string Workspace, List<AlertEvent> Events)> Parts);

    /// <summary>The digest's title and lines, in the person's language; each line names its workspace when they follow several.</summary>
    private static (string Title, string Text) DigestText(PersonDigest d, string week)
    {
        var count = d.Parts.Sum(p => p.Events.Count);
        var several = d.Parts.Count > 1;
        var lines = d.Parts.SelectMany(p => p.Events.Select(e => $"• {(several ? $"[{p.Workspace}] " : "")}{e.Title}{(d.French ? " : " : ": ")}{e.Message}")).ToList();
        var text = lines.Count > 0 ? string.Join("\n", lines)
            : d.French ? "Rien à signaler cette semaine : aucun KPI hors trajectoire, aucune action en retard, rien sans mesure, aucun budget dépassé."
            : "Nothing to report this week: no KPI off track, no overdue action, nothing unmeasured, no budget overrun.";
        var title = d.French ? $"Pilote — synthèse de la semaine {week} ({Formats.Many(count, "alerte", "alertes", true)})" : $"Pilote — digest of week {week} ({Formats.Many(count, "alert", "alerts", false)})";
        return (title, text);
    }

    /// <summary>The workspace's alerts, worded in French and in English (same order, same keys).</summary>
    private async Task<(List<AlertEvent> French, List<AlertEvent> English)> EventsAsync(int workspaceId, DateOnly today, CancellationToken ct)
    {
        var planIds = await db.Plans.AsNoTracking().Where(p => p.WorkspaceId == workspaceId && p.End >= today.AddDays(-7))
            .OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(ct);
        var french = new List<AlertEvent>();
        var english = new List<AlertEvent>();
        foreach (var id in planIds)
        {
            var report = await PlanReportBuilder.BuildAsync(db, id, today, ct);
            var actionIds = report.Actions.Select(a => a.Action.Id).ToList();
            var last = await db.Measurements.AsNoTracking().Where(m => actionIds.Contains(m.ActionId) && m.PeriodStart <= today)
                .GroupBy(m => m.ActionId).Select(g => new { g.Key, Last = g.Max(m => m.PeriodEnd) }).ToDictionaryAsync(x => x.Key, x => x.Last, ct);
            french.AddRange(AlertChecks.Run(report, last, today, true));
            english.AddRange(AlertChecks.Run(report, last, today, false));
        }
        return (french, english);
    }

    /// <summary>Inserts the ledger row unless it exists; false when it was already there (here or from another instance).</summary>
    private async Task<bool> RecordAsync(string key, int workspaceId, string recipient, AlertChannel channel, int? planId, string kind, string subject,
        string title, string message, CancellationToken ct)
    {
        if (await db.AlertDeliveries.AnyAsync(d => d.Key == key, ct))
            return false;
        var row = new AlertDelivery
        {
            Key = key, WorkspaceId = workspaceId, PlanId = planId, Kind = kind, Subject = subject, Recipient = recipient,
            Channel = channel, Title = title, Message = message, Status = DeliveryStatus.Pending, CreatedAt = clock.GetUtcNow(),
        };
        db.AlertDeliveries.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another instance inserted the same key between our check and our insert: it sends, we do not.
            db.Entry(row).State = EntityState.Detached;
            return false;
        }
    }

    private async Task<(int Sent, int Retrying, int Failed, int Refused)> DeliverDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var due = await db.AlertDeliveries.AsNoTracking()
            .Where(d => d.Status == DeliveryStatus.Pending || (d.Status == DeliveryStatus.Retrying && d.NextAttemptMs <= now))
            .OrderBy(d => d.Id).Select(d => d.Id).ToListAsync(ct);
        int sent = 0, retrying = 0, failed = 0, refused = 0;
        var email = new EmailSender(options);
        var webhook = new WebhookSender(options, clock);
        // Servers that failed in this run, with their error and when to try again. One down SMTP server or webhook costs one
        // message's attempts per run: before, each of its messages was tried and waited for in turn (12 alerts to a closed
        // port held `pilote alerts run` for 73 s, and the messages to servers that worked waited behind them).
        var failedServers = new Dictionary<string, (string Error, long RetryAtMs)>();
        foreach (var id in due)
        {
            // The claim is one conditional UPDATE: of two instances, one gets the row, the other moves on.
            var until = now + (long)ClaimFor.TotalMilliseconds;
            var claimed = await db.AlertDeliveries
                .Where(d => d.Id == id && (d.Status == DeliveryStatus.Pending || d.Status == DeliveryStatus.Retrying) && (d.ClaimedUntilMs == null || d.ClaimedUntilMs < now))
                .ExecuteUpdateAsync(u => u.SetProperty(d => d.ClaimedBy, instance).SetProperty(d => d.ClaimedUntilMs, until), ct);
            if (claimed == 0)
                continue;
            // Read after the claim, never from the tracker: a row recorded in this run is tracked with its values before the claim.
            db.ChangeTracker.Clear();
            var row = await db.AlertDeliveries.SingleAsync(d => d.Id == id, ct);
            var server = Server(row);
            var unconfigured = row.Channel == AlertChannel.Email && !email.Configured;
            if (unconfigured)
                failedServers[server] = (EmailSender.NotConfigured, now);
            if (failedServers.TryGetValue(server, out var known))
            {
                // Not tried: the same server already failed in this run, or there is no mail server yet. Its error is this
                // row's too, visible in the ledger. An email waiting for a server costs no attempt and goes out once the
                // administrator sets one (as « Mes alertes » says), unless a week has passed: then it is stale, and failed.
                var stale = unconfigured && clock.GetUtcNow() - row.CreatedAt > HeldAtMost;
                row.Status = stale ? DeliveryStatus.Failed : DeliveryStatus.Retrying;
                row.NextAttemptMs = known.RetryAtMs;
                row.LastError = stale ? $"{known.Error}: not sent within {HeldAtMost.TotalDays} days" : known.Error;
                if (stale)
                    failed++;
                else
                    retrying++;
                row.ClaimedBy = null;
                row.ClaimedUntilMs = null;
                await db.SaveChangesAsync(ct);
                continue;
            }
            for (var attempt = 0; ; attempt++)
            {
                row.Attempts++;
                try
                {
                    if (row.Channel == AlertChannel.Email)
                        await email.SendAsync(row.Recipient, row.Title, row.Message + "\n\n— Pilote", ct);
                    else
                        await webhook.SendAsync(row.Recipient, $"*{row.Title}*\n{row.Message}", ct);
                    row.Status = DeliveryStatus.Sent;
                    row.SentAt = clock.GetUtcNow();
                    row.LastError = null;
                    sent++;
                    break;
                }
                catch (AlertDeliveryException ex)
                {
                    row.LastError = ex.Message.Length > 1900 ? ex.Message[..1900] : ex.Message;
                    if (ex.Permanent)
                    {
                        row.Status = ex.Message.Contains("refused", StringComparison.Ordinal) ? DeliveryStatus.Refused : DeliveryStatus.Failed;
                        if (row.Status == DeliveryStatus.Refused)
                            refused++;
                        else
                            failed++;
                        break;
                    }
                    var wait = options.FirstBackoff * Math.Pow(2, row.Attempts - 1);
                    var retryAt = clock.GetUtcNow().Add(wait).ToUnixTimeMilliseconds();
                    if (ex.ServerFailed && (row.Attempts >= options.MaxAttempts || attempt + 1 >= options.AttemptsPerRun))
                        failedServers[server] = (row.LastError, retryAt);
                    if (row.Attempts >= options.MaxAttempts)
                    {
                        row.Status = DeliveryStatus.Failed;
                        failed++;
                        break;
                    }
                    if (attempt + 1 >= options.AttemptsPerRun)
                    {
                        // Left for a later run: a down server never holds the run up for long.
                        row.Status = DeliveryStatus.Retrying;
                        row.NextAttemptMs = retryAt;
                        retrying++;
                        break;
                    }
                    await Task.Delay(wait, ct);
                }
            }
            row.ClaimedBy = null;
            row.ClaimedUntilMs = null;
            await db.SaveChangesAsync(ct);
        }
        return (sent, retrying, failed, refused);
    }

    /// <summary>Who a row goes through: the one SMTP server for every email, a webhook's scheme, host and port.</summary>
    private static string Server(AlertDelivery row) => row.Channel == AlertChannel.Email
        ? "smtp"
        : Uri.TryCreate(row.Recipient, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant() : row.Recipient;
}
