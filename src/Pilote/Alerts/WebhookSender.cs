using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Pilote.Alerts;

/// <summary>
/// Posts an alert as Slack-compatible JSON (<c>{"text": …}</c>), signed: <c>X-Pilote-Timestamp</c> (Unix seconds) and
/// <c>X-Pilote-Signature: v1=hex(HMAC-SHA256(secret, timestamp + "." + body))</c>, so a receiver can check origin and
/// freshness. Addresses are checked when the connection is made, not only when the URL is read, so a name that
/// resolves to a private, loopback or link-local address is refused unless the administrator allows it.
/// </summary>
public sealed class WebhookSender(AlertOptions options, TimeProvider clock)
{
    public const string TimestampHeader = "X-Pilote-Timestamp";
    public const string SignatureHeader = "X-Pilote-Signature";

    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        ConnectCallback = (context, ct) => ConnectAsync(context, options.AllowPrivateWebhooks, ct),
        ConnectTimeout = TimeSpan.FromSeconds(10),
    })
    {
        Timeout = TimeSpan.FromSeconds(15),
    };

    public static string Sign(string secret, string timestamp, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return "v1=" + Convert.ToHexStringLower(mac);
    }

    public async Task SendAsync(string url, string text, CancellationToken ct)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            throw new AlertDeliveryException($"'{url}' is not an http(s) URL", permanent: true);
        var body = JsonSerializer.Serialize(new { text });
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(TimestampHeader, timestamp);
        if (!string.IsNullOrEmpty(options.WebhookSecret))
            request.Headers.Add(SignatureHeader, Sign(options.WebhookSecret, timestamp, body));
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, ct);
        }
        catch (HttpRequestException ex) when (ex.InnerException is AlertDeliveryException refused)
        {
            throw refused;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new AlertDeliveryException($"{uri.Host}: {ex.Message}", permanent: false) { ServerFailed = true };
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
                throw new AlertDeliveryException($"{uri.Host} answered {(int)response.StatusCode} {response.ReasonPhrase}", permanent: (int)response.StatusCode is >= 400 and < 500 and not 408 and not 429)
                {
                    ServerFailed = (int)response.StatusCode is >= 500 or 408 or 429,
                };
        }
    }

    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, bool allowPrivate, CancellationToken ct)
    {
        var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, ct);
        var allowed = addresses.Where(a => allowPrivate || !IsPrivate(a)).ToList();
        if (allowed.Count == 0)
            throw new AlertDeliveryException($"{context.DnsEndPoint.Host} is a private, loopback or link-local address: refused (the administrator can allow it with PILOTE_WEBHOOKS_ALLOW_PRIVATE=1)", permanent: true);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed[0], context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Loopback, private (RFC 1918, unique local), link-local, carrier-grade NAT and unspecified addresses.</summary>
    public static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
            return true;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal;
        var b = address.GetAddressBytes();
        return b[0] == 10 || b[0] == 0 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254) || (b[0] == 100 && b[1] >= 64 && b[1] <= 127);
    }
}
