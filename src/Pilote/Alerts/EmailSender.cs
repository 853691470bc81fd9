using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Pilote.Alerts;

/// <summary>Sends an alert by email through the administrator's SMTP server (MailKit).</summary>
public sealed class EmailSender(AlertOptions options)
{
    public async Task SendAsync(string to, string subject, string body, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(options.SmtpHost))
            throw new AlertDeliveryException("no SMTP server configured (PILOTE_SMTP_HOST)", permanent: true);
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body };
        using var client = new SmtpClient { Timeout = 15_000 };
        try
        {
            await client.ConnectAsync(options.SmtpHost, options.SmtpPort, SecureSocketOptions.StartTlsWhenAvailable, ct);
            if (!string.IsNullOrEmpty(options.SmtpUser))
                await client.AuthenticateAsync(options.SmtpUser, options.SmtpPassword ?? "", ct);
            await client.SendAsync(message, ct);
            await client.DisconnectAsync(true, ct);
        }
        catch (Exception ex) when (ex is SmtpCommandException or SmtpProtocolException or IOException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw new AlertDeliveryException($"SMTP {options.SmtpHost}:{options.SmtpPort}: {ex.Message}", permanent: false);
        }
    }
}

/// <summary>A delivery that did not go through: <see cref="Permanent"/> ones (refused address, no server) are not retried.</summary>
public sealed class AlertDeliveryException(string message, bool permanent) : Exception(message)
{
    public bool Permanent { get; } = permanent;
}
