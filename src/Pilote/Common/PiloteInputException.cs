namespace Pilote.Common;

/// <summary>
/// Input a person gave that Pilote cannot use: an unknown plan, a malformed date, an ambiguous name.
/// The message is one line naming the field and the value; the CLI prints it and exits 2, the API answers 4xx.
/// A thrower that writes the line in both languages passes the French one too: the CLI shows it unless --lang en.
/// </summary>
public class PiloteInputException(string message) : Exception(message)
{
    public PiloteInputException(string french, string english) : this(english) => French = french;

    /// <summary>The message in French, when the thrower wrote one; <see cref="Exception.Message"/> is the English.</summary>
    public string? French { get; init; }

    /// <summary>The message in the reader's language.</summary>
    public string Say(bool french) => french && French is not null ? French : Message;

    /// <summary>The message for a form or the grid: in the reader's language, the field named by its label, not its option.</summary>
    public string Show(bool french) => FieldNames.ForPeople(Say(french), french);
}

/// <summary>The thing named does not exist (or is not visible from this workspace).</summary>
public sealed class NotFoundException(string message) : PiloteInputException(message);

/// <summary>A write based on a stale version: someone else changed the row since it was read.</summary>
public sealed class StaleWriteException(string message, int currentVersion) : PiloteInputException(message)
{
    public int CurrentVersion { get; } = currentVersion;
}
