using Pilote.Common;

namespace Pilote.Access;

/// <summary>
/// A personal API token. Only a SHA-256 hash of the secret is stored: the secret is shown once, at creation.
/// The prefix (the first characters of the secret) lets a person recognise a token in a list.
/// </summary>
public sealed class ApiToken : IVersioned
{
    public int Id { get; set; }
    public int UserId { get; set; }
    public PiloteUser? User { get; set; }
    public required string Name { get; set; }
    public required string Prefix { get; set; }
    public required string Hash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public int Version { get; set; }

    public bool IsActive(DateTimeOffset now) => RevokedAt is null && ExpiresAt > now;
}
