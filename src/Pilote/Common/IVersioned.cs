namespace Pilote.Common;

/// <summary>
/// A row people edit. Its Version is the optimistic concurrency token: every save of a change bumps it, and a
/// save from a stale copy is refused instead of silently overwriting someone else's edit.
/// </summary>
public interface IVersioned
{
    int Version { get; set; }
}
