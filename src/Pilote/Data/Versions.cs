using Pilote.Common;

namespace Pilote.Data;

/// <summary>Optimistic concurrency for a row a person edits from a copy they read earlier (a screen, an API client).</summary>
public static class Versions
{
    /// <summary>
    /// Refuses the write when the copy is stale, and makes the save itself check the version (UPDATE … WHERE version = n)
    /// so that a change landing between this check and the save is refused too.
    /// </summary>
    public static void Expect(PiloteDb db, IVersioned row, int? expected, string what, string? whatFr = null)
    {
        if (expected is not { } e)
            return;
        if (e != row.Version)
            throw new StaleWriteException($"{what} was changed since version {e} (now version {row.Version}); reload it and retry", row.Version)
            {
                French = $"{whatFr ?? what} a changé depuis la version {e} (maintenant en version {row.Version}) ; rechargez et recommencez",
            };
        db.Entry(row).Property(nameof(IVersioned.Version)).OriginalValue = e;
    }

    /// <summary>
    /// The refusal when the save itself finds the row changed (another edit landed between the read and the save), in
    /// both languages, with the version the row is at now.
    /// </summary>
    public static StaleWriteException ChangedMeanwhile(string what, string whatFr, int current) =>
        new($"{what} was changed by someone else meanwhile (now version {current}); reload it and retry", current)
        {
            French = $"quelqu'un d'autre a modifié {whatFr} entre-temps (maintenant en version {current}) ; rechargez et recommencez",
        };
}
