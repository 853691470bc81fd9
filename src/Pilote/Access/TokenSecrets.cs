using System.Security.Cryptography;
using System.Text;

namespace Pilote.Access;

/// <summary>Generates token secrets and the hash that is stored in their place.</summary>
public static class TokenSecrets
{
    /// <summary>Every secret starts with this, so a leaked token is easy to recognise (and to scan for).</summary>
    public const string Marker = "pil_";

    public static string NewSecret() =>
        Marker + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>SHA-256 is enough here: the secret has 256 random bits, so there is nothing to brute-force slowly.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static string PrefixOf(string secret) => secret[..Math.Min(12, secret.Length)];
}
