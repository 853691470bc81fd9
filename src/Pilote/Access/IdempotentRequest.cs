using Microsoft.EntityFrameworkCore;

namespace Pilote.Access;

/// <summary>
/// A write sent with an <c>Idempotency-Key</c>: kept per user until it expires, with a hash of the request and the
/// answer given, so that a retry gets the same answer and is never applied twice. It is stored in the same transaction
/// as the write itself: either both exist or neither does.
/// </summary>
public sealed class IdempotentRequest
{
    public long Id { get; set; }
    public int UserId { get; set; }
    public required string Key { get; set; }
    /// <summary>SHA-256 of the method, path and body: the same key with another request is refused.</summary>
    public required string RequestHash { get; set; }
    public int Status { get; set; }
    public required string Response { get; set; }
    /// <summary>UTC. DateTime rather than DateTimeOffset: SQLite can compare it in SQL, and expiry is checked in SQL.</summary>
    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    internal static void Configure(ModelBuilder b) => b.Entity<IdempotentRequest>(e =>
    {
        e.ToTable("idempotent_requests");
        e.HasIndex(x => new { x.UserId, x.Key }).IsUnique();
        e.HasIndex(x => x.ExpiresAt);
        e.Property(x => x.Key).HasMaxLength(200);
        e.Property(x => x.RequestHash).HasMaxLength(64);
        e.Property(x => x.Response).HasColumnType("text").Metadata.SetMaxLength(null);
        e.HasOne<PiloteUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    });
}
