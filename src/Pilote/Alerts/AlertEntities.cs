namespace Pilote.Alerts;

/// <summary>
/// What one person wants to receive in a workspace, and how: one row per channel. A subscription for the email of a
/// <see cref="Access.PiloteUser"/> carries its <see cref="UserId"/> (set when subscribed, or when the account is created
/// later): alerts then go to the account's current email, in the account's language, and the person edits the row
/// from the web app. An email with no account (a team mailbox) stays keyed by its address.
/// </summary>
public sealed class AlertSubscription
{
    public int Id { get; set; }
    public int WorkspaceId { get; set; }
    public required string Email { get; set; }
    public int? UserId { get; set; }
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

    /// <summary>What a person chooses from: the four alerts and the weekly digest.</summary>
    public static readonly string[] Choices = [.. All, Digest];

    public static string Label(string kind, bool french) => kind switch
    {
        KpiOffTrack => french ? "KPI hors trajectoire" : "KPI off track",
        OverdueAction => french ? "Action en retard" : "Overdue action",
        NoMeasurement => french ? "Aucune mesure depuis 14 jours" : "Nothing measured for 14 days",
        OverBudget => french ? "Budget dépassé" : "Over budget",
        Digest => french ? "Synthèse hebdomadaire" : "Weekly digest",
        _ => kind,
    };
}
