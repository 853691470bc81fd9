using Microsoft.EntityFrameworkCore;
using Pilote.Access;
using Pilote.Common;
using Pilote.Data;

namespace Pilote.Alerts;

/// <summary>What a person receives in one workspace: the chosen kinds (<see cref="AlertKinds.Choices"/>, the digest
/// included) per channel; a channel with no kind is off.</summary>
public sealed record AlertPreference(IReadOnlyList<string> EmailKinds, IReadOnlyList<string> WebhookKinds, string? WebhookUrl)
{
    public static readonly AlertPreference None = new([], [], null);
}

/// <summary>
/// Who receives which alerts, by which channel: one service for <c>pilote alerts subscribe</c> and the web app's
/// "Mes alertes" page. Subscriptions belong to people: a row whose email is an account's carries the account's id.
/// </summary>
public sealed class AlertPreferences(PiloteDb db, TimeProvider clock)
{
    /// <summary>Creates or replaces the subscription of an email on one channel, linked to the account with that email if any.</summary>
    public async Task<AlertSubscription> SubscribeAsync(int workspaceId, string email, IReadOnlyCollection<string> kinds, bool digest,
        AlertChannel channel, string? webhookUrl, CancellationToken ct = default)
    {
        email = email.Trim();
        CheckKinds(kinds, "--kinds");
        if (channel == AlertChannel.Webhook)
            CheckWebhook(webhookUrl, "--webhook");
        var user = await new AccessService(db, clock).FindUserAsync(email, ct);
        var lower = email.ToLowerInvariant();
        var sub = await db.AlertSubscriptions.FirstOrDefaultAsync(s => s.WorkspaceId == workspaceId && s.Email.ToLower() == lower && s.Channel == channel, ct);
        if (sub is null)
        {
            sub = new AlertSubscription { WorkspaceId = workspaceId, Email = email, Kinds = "", Channel = channel, CreatedAt = clock.GetUtcNow() };
            db.AlertSubscriptions.Add(sub);
        }
        sub.UserId = user?.Id;
        sub.Kinds = string.Join(",", kinds.Distinct());
        sub.WebhookUrl = channel == AlertChannel.Webhook ? webhookUrl : null;
        sub.Digest = digest;
        await db.SaveChangesAsync(ct);
        return sub;
    }

    /// <summary>The person's choices in a workspace they belong to (404 otherwise, like everything outside their workspaces).</summary>
    public async Task<AlertPreference> ForUserAsync(int userId, int workspaceId, CancellationToken ct = default)
    {
        var user = await MemberAsync(userId, workspaceId, ct);
        var lower = user.Email!.ToLowerInvariant();
        var rows = await db.AlertSubscriptions.AsNoTracking()
            .Where(s => s.WorkspaceId == workspaceId && (s.UserId == userId || (s.UserId == null && s.Email.ToLower() == lower)))
            .ToListAsync(ct);
        static List<string> Kinds(AlertSubscription? s) => s is null ? [] :
            [.. AlertKinds.Choices.Where(k => k == AlertKinds.Digest ? s.Digest : s.Kinds.Split(',', StringSplitOptions.TrimEntries).Contains(k))];
        var mail = rows.FirstOrDefault(s => s.Channel == AlertChannel.Email);
        var hook = rows.FirstOrDefault(s => s.Channel == AlertChannel.Webhook);
        return new AlertPreference(Kinds(mail), Kinds(hook), hook?.WebhookUrl);
    }

    /// <summary>
    /// Saves the person's choices in one workspace, in one transaction: the email channel goes to the account's email, a
    /// channel left with no kind is removed, a webhook needs an http(s) URL. Bad input names its field and writes nothing.
    /// </summary>
    public async Task SaveForUserAsync(int userId, int workspaceId, AlertPreference choice, CancellationToken ct = default)
    {
        var user = await MemberAsync(userId, workspaceId, ct);
        CheckKinds(choice.EmailKinds, "email");
        CheckKinds(choice.WebhookKinds, "webhook");
        if (choice.WebhookKinds.Count > 0)
            CheckWebhook(choice.WebhookUrl, "webhook");
        var lower = user.Email!.ToLowerInvariant();
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var rows = await db.AlertSubscriptions
            .Where(s => s.WorkspaceId == workspaceId && (s.UserId == userId || (s.UserId == null && s.Email.ToLower() == lower)))
            .ToListAsync(ct);
        foreach (var (channel, kinds) in new[] { (AlertChannel.Email, choice.EmailKinds), (AlertChannel.Webhook, choice.WebhookKinds) })
        {
            var row = rows.FirstOrDefault(s => s.Channel == channel);
            if (kinds.Count == 0)
            {
                if (row is not null)
                    db.AlertSubscriptions.Remove(row);
                continue;
            }
            if (row is null)
            {
                row = new AlertSubscription { WorkspaceId = workspaceId, Email = user.Email!, Kinds = "", Channel = channel, CreatedAt = clock.GetUtcNow() };
                db.AlertSubscriptions.Add(row);
            }
            row.UserId = userId;
            row.Email = user.Email!;
            row.Kinds = string.Join(",", AlertKinds.All.Where(kinds.Contains));
            row.Digest = kinds.Contains(AlertKinds.Digest);
            row.WebhookUrl = channel == AlertChannel.Webhook ? choice.WebhookUrl!.Trim() : null;
        }
        await db.SaveChangesAsync(ct);
        if (tx is not null)
            await tx.CommitAsync(ct);
    }

    /// <summary>Links the subscriptions made for an email before its account existed; returns how many.</summary>
    public static Task<int> LinkAsync(PiloteDb db, PiloteUser user, CancellationToken ct = default)
    {
        var lower = user.Email!.ToLowerInvariant();
        return db.AlertSubscriptions.Where(s => s.UserId == null && s.Email.ToLower() == lower)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.UserId, user.Id), ct);
    }

    private async Task<PiloteUser> MemberAsync(int userId, int workspaceId, CancellationToken ct)
    {
        var access = new AccessService(db, clock);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user?.Email is null || await access.RoleAsync(userId, workspaceId, ct) is null)
            throw new NotFoundException($"workspace {workspaceId} not found") { French = $"espace n°{workspaceId} introuvable" };
        return user;
    }

    private static void CheckKinds(IEnumerable<string> kinds, string field)
    {
        if (kinds.FirstOrDefault(k => !AlertKinds.Choices.Contains(k)) is { } bad)
            throw new PiloteInputException($"{field} : « {bad} » n'est pas une alerte ({string.Join(", ", AlertKinds.All)})", $"{field}: '{bad}' is not an alert ({string.Join(", ", AlertKinds.All)})");
    }

    private static void CheckWebhook(string? url, string field)
    {
        if (url is null || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new PiloteInputException(
                $"{field} : un abonnement webhook demande une adresse http(s){(string.IsNullOrWhiteSpace(url) ? "" : $", pas « {url} »")}",
                $"{field}: a webhook subscription needs an http(s) URL{(string.IsNullOrWhiteSpace(url) ? "" : $", not '{url}'")}");
    }
}
