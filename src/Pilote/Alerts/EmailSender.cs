using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Pilote.Alerts;

/// <summary>Sends an alert by email through the administrator's SMTP server (MailKit).</summary>
public sealed class EmailSender(AlertOptions options)
{
    public const string NotConfigured = "no SMTP server configured (PILOTE_SMTP_HOST)";

    /// <summary>Whether the administrator set a server; without one, emails wait for it (<see cref="AlertService"/>).</summary>
    public bool Configured => !string.IsNullOrWhiteSpace(options.SmtpHost);

    public async Task SendAsync(string to, string subject, string body, CancellationToken ct)
    {
        if (options.SmtpHost is not { } host || !Configured)
            throw new AlertDeliveryException(NotConfigured, permanent: false) { ServerFailed = true };
        if (!MailboxAddress.TryParse(to, out var recipient))
            throw new AlertDeliveryException($"'{to}' is not an email address", permanent: true);
        using var client = new SmtpClient { Timeout = 15_000 };
        try
        {
            var message = new MimeMessage();
            message.From.Add(MailboxAddress.Parse(options.From));
            message.To.Add(recipient);
            message.Subject = subject;
            message.Body = new TextPart("plain") { Text = body };
            await client.ConnectAsync(host, options.SmtpPort, SecureSocketOptions.StartTlsWhenAvailable, ct);
            if (!string.IsNullOrEmpty(options.SmtpUser))
                await client.AuthenticateAsync(options.SmtpUser, options.SmtpPassword ?? "", ct);
            await client.SendAsync(message, ct);
            await client.DisconnectAsync(true, ct);
        }
        catch (SmtpCommandException ex) when (ex.ErrorCode == SmtpErrorCode.RecipientNotAccepted)
        {
            // This address only: the server works, the other messages go on.
            throw new AlertDeliveryException($"SMTP {options.SmtpHost}:{options.SmtpPort}: {ex.Message}", permanent: false);
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && ct.IsCancellationRequested))
        {
            // Down, refusing the login, no TLS, a sender address it rejects or PILOTE_SMTP_FROM unreadable: whatever MailKit
            // throws, the row keeps it as its last error and is retried; escaping here aborted the whole run and left every
            // row pending with no error to read.
            throw new AlertDeliveryException($"SMTP {options.SmtpHost}:{options.SmtpPort}: {ex.Message}", permanent: false) { ServerFailed = true };
        }
    }
}

/// <summary>A delivery that did not go through: <see cref="Permanent"/> ones (a refused address) are not retried.</summary>
public sealed class AlertDeliveryException(string message, bool permanent) : Exception(message)
{
    public bool Permanent { get; } = permanent;

    /// <summary>The server itself failed (unreachable, timing out, answering 5xx, misconfigured), not this one message:
    /// the other messages to it wait for the next run instead of each being tried and waited for in this one.</summary>
    public bool ServerFailed { get; init; }
}
