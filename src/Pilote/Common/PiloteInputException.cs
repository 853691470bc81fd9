namespace Pilote.Common;

/// <summary>
/// Input a person gave that Pilote cannot use: an unknown plan, a malformed date, an ambiguous name.
/// The message is one line naming the field and the value; the CLI prints it and exits 2, the API answers 4xx.
/// </summary>
public class PiloteInputException(string message) : Exception(message);

/// <summary>The thing named does not exist (or is not visible from this workspace).</summary>
public sealed class NotFoundException(string message) : PiloteInputException(message);

/// <summary>A write based on a stale version: someone else changed the row since it was read.</summary>
public sealed class StaleWriteException(string message, int currentVersion) : PiloteInputException(message)
{
    public int CurrentVersion { get; } = currentVersion;
}
