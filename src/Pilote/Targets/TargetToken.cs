namespace Pilote.Targets;

internal enum TokenKind
{
    Number,
    Word,
    Symbol,
}

/// <summary>A piece of a target's text; <see cref="Start"/> is a 0-based index into the original text.</summary>
internal sealed record TargetToken(TokenKind Kind, string Text, int Start)
{
    public string Lower => Text.ToLowerInvariant();

    public int End => Start + Text.Length;

    /// <summary>1-based, as messages show it.</summary>
    public int Position => Start + 1;

    public bool IsSymbol(char c) => Kind == TokenKind.Symbol && Text[0] == c;

    public bool IsWord(params ReadOnlySpan<string> words)
    {
        if (Kind != TokenKind.Word)
        {
            return false;
        }

        var lower = Lower;
        foreach (var word in words)
        {
            if (lower == word)
            {
                return true;
            }
        }

        return false;
    }
}
