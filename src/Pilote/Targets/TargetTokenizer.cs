namespace Pilote.Targets;

/// <summary>Splits a target into numbers (with their separators), words and single symbols.</summary>
internal static class TargetTokenizer
{
    public static List<TargetToken> Tokenize(string text)
    {
        var tokens = new List<TargetToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (char.IsAsciiDigit(c))
            {
                var end = ScanNumber(text, i);
                tokens.Add(new TargetToken(TokenKind.Number, text[i..end], i));
                i = end;
            }
            else if (char.IsLetter(c))
            {
                var end = ScanWord(text, i);
                tokens.Add(new TargetToken(TokenKind.Word, text[i..end], i));
                i = end;
            }
            else
            {
                // The minus sign U+2212 is what some keyboards and office tools produce for "-".
                tokens.Add(new TargetToken(TokenKind.Symbol, c == '\u2212' ? "-" : c.ToString(), i));
                i++;
            }
        }

        return tokens;
    }

    /// <summary>Space, no-break space, narrow no-break space and apostrophes group thousands.</summary>
    public static bool IsGroupSeparator(char c) => c is ' ' or '\u00A0' or '\u202F' or '\'' or '\u2019';

    private static int ScanNumber(string text, int i)
    {
        var runStart = i;
        i = SkipDigits(text, i);
        var sawPoint = false;
        while (i + 1 < text.Length)
        {
            var c = text[i];
            if ((c is '.' or ',') && char.IsAsciiDigit(text[i + 1]))
            {
                sawPoint = true;
                runStart = i + 1;
                i = SkipDigits(text, i + 1);
            }
            else if (IsGroupSeparator(c) && !sawPoint && i - runStart <= 3 && IsThreeDigitGroup(text, i + 1))
            {
                // "1 000" is one number, but "3 4" or "1000 500" are two: a group is exactly three digits
                // after a first run of at most three.
                runStart = i + 1;
                i += 4;
            }
            else
            {
                break;
            }
        }

        return i;
    }

    private static bool IsThreeDigitGroup(string text, int i) =>
        i + 3 <= text.Length
        && char.IsAsciiDigit(text[i]) && char.IsAsciiDigit(text[i + 1]) && char.IsAsciiDigit(text[i + 2])
        && (i + 3 == text.Length || !char.IsAsciiDigit(text[i + 3]));

    private static int SkipDigits(string text, int i)
    {
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i;
    }

    private static int ScanWord(string text, int i)
    {
        while (i < text.Length)
        {
            if (char.IsLetter(text[i]))
            {
                i++;
            }
            else if (text[i] is '\'' or '\u2019' && i + 1 < text.Length && char.IsLetter(text[i + 1]))
            {
                // "jusqu'à", "taux d'ouverture": the apostrophe belongs to the word.
                i++;
            }
            else
            {
                break;
            }
        }

        return i;
    }
}
