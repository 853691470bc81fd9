namespace Pilote.Testing;

/// <summary>A clock stopped at a chosen moment, in UTC unless a test sets <see cref="Zone"/>, so "today" is the same on every
/// machine.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public FixedClock(int year, int month, int day)
        : this(new DateTimeOffset(year, month, day, 10, 0, 0, TimeSpan.Zero))
    {
    }

    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    /// <summary>Where the reader is; UTC by default.</summary>
    public TimeZoneInfo Zone { get; init; } = TimeZoneInfo.Utc;

    public override TimeZoneInfo LocalTimeZone => Zone;
}
