using System.Globalization;

namespace Pilote.Alerts;

/// <summary>
/// Where alerts go out, set by the administrator (environment variables): the SMTP server, the secret webhooks are
/// signed with, whether webhooks may target private addresses, and how failures are retried.
/// </summary>
public sealed record AlertOptions(
    string? SmtpHost = null,
    int SmtpPort = 25,
    string From = "pilote@localhost",
    string? SmtpUser = null,
    string? SmtpPassword = null,
    string? WebhookSecret = null,
    bool AllowPrivateWebhooks = false,
    int MaxAttempts = 5,
    TimeSpan? Backoff = null,
    int AttemptsPerRun = 3)
{
    /// <summary>The first retry's wait; each next one waits twice as long.</summary>
    public TimeSpan FirstBackoff => Backoff ?? TimeSpan.FromSeconds(2);

    public static AlertOptions FromEnvironment(Func<string, string?> env) => new(
        SmtpHost: env("PILOTE_SMTP_HOST"),
        SmtpPort: int.TryParse(env("PILOTE_SMTP_PORT"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var port) ? port : 25,
        From: env("PILOTE_SMTP_FROM") ?? "pilote@localhost",
        SmtpUser: env("PILOTE_SMTP_USER"),
        SmtpPassword: env("PILOTE_SMTP_PASSWORD"),
        WebhookSecret: env("PILOTE_WEBHOOK_SECRET"),
        AllowPrivateWebhooks: env("PILOTE_WEBHOOKS_ALLOW_PRIVATE") is "1" or "true");
}
