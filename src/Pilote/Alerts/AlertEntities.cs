namespace Pilote.Alerts;

/// <summary>
/// What one person wants to receive in a workspace, and how. Keyed by email until users land; <see cref="UserId"/>
/// is there to link the row to an account later without moving the data.
/// </summary>
public sealed class AlertSubscription
{
    public int Id { get; set; }
    public int WorkspaceId { get; set; }
    public required string Email { get; set; }
    public string? UserId { get; set; }
    /// <summary>The alert kinds wanted, comma-separated ids (see <see cref="AlertKinds"/>).</summary>
    public required string Kinds { get; set; }
    public AlertChannel Channel { get; set; }
    /// <summary>For the webhook channel: where to post (Slack-compatible JSON).</summary>
    public string? WebhookUrl { get; set; }
    /// <summary>Also a weekly digest of everything firing on the workspace's plans.</summary>
    public bool Digest { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public enum AlertChannel
{
    Email,
    Webhook,
}

public enum DeliveryStatus
{
    Pending,
    Sent,
    Retrying,
    Failed,
    Refused,
}

/// <summary>
/// The alert ledger and delivery log in one: one row per alert, person and channel. <see cref="Key"/> is unique, so
/// when two app instances find the same alert only one insert wins and only its instance sends; <see cref="ClaimedUntilMs"/>
/// keeps a retry from being sent by two instances at once.
/// </summary>
public sealed class AlertDelivery
{
    public int Id { get; set; }
    public required string Key { get; set; }
    public int WorkspaceId { get; set; }
    public int? PlanId { get; set; }
    public required string Kind { get; set; }
    public required string Subject { get; set; }
    public required string Recipient { get; set; }
    public AlertChannel Channel { get; set; }
    public required string Title { get; set; }
    public required string Message { get; set; }
    public DeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>When a retry is due, in Unix milliseconds (compared in SQL on both providers).</summary>
    public long? NextAttemptMs { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? ClaimedBy { get; set; }
    public long? ClaimedUntilMs { get; set; }
}

public static class AlertKinds
{
    public const string KpiOffTrack = "kpi-off-track";
    public const string OverdueAction = "overdue-action";
    public const string NoMeasurement = "no-measurement";
    public const string OverBudget = "over-budget";
    public const string Digest = "digest";

    public static readonly string[] All = [KpiOffTrack, OverdueAction, NoMeasurement, OverBudget];
}
