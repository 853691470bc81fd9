using System.Buffers;
using System.Globalization;
using System.Text;

namespace Pilote.Office.Common;

/// <summary>
/// Cell text as SpreadsheetML stores it (ST_Xstring): a character XML would not carry as is becomes <c>_xHHHH_</c>,
/// and an underscore that would start such an escape is itself escaped as <c>_x005F_</c>. Excel writes a carriage
/// return as <c>_x000D_</c> (an XML parser would turn "\r\n" into "\n"); Pilote does the same, and reads back every
/// escape, from its own files and from Excel's.
/// </summary>
public static class CellXstring
{
    // Characters that need a look: XML's forbidden controls (tab and line feed pass), the carriage return and the
    // underscore; then two ranges, the surrogates (a lone one cannot be written) and the non-characters U+FFFE, U+FFFF.
    // Three vectorized scans: one set mixing ASCII with the surrogate range scans several times slower on accented text.
    private static readonly SearchValues<char> Ascii = SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x20).Where(c => c is not ('\t' or '\n')).Select(c => (char)c)) + "_");

    /// <summary>The text to store: carriage returns and escape look-alikes escaped, characters XML cannot carry dropped,
    /// a lone surrogate replaced by U+FFFD. Text with none of them comes back as the same instance.</summary>
    public static string Encode(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return "";
        var rest = text.AsSpan();
        var i = Next(rest);
        if (i < 0)
            return text;
        var stored = new StringBuilder(text.Length + 16);
        while (i >= 0)
        {
            stored.Append(rest[..i]);
            var c = rest[i];
            var used = 1;
            if (c == '\r')
                stored.Append("_x000D_");
            else if (c == '_')
                stored.Append(IsEscape(rest[i..]) ? "_x005F_" : "_");
            else if (char.IsHighSurrogate(c) && i + 1 < rest.Length && char.IsLowSurrogate(rest[i + 1]))
            {
                stored.Append(rest.Slice(i, 2));
                used = 2;
            }
            else if (char.IsSurrogate(c))
                stored.Append('\uFFFD');
            // Anything else here is a control character or a non-character: dropped.
            rest = rest[(i + used)..];
            i = Next(rest);
        }
        return stored.Append(rest).ToString();
    }

    /// <summary>The text a stored string stands for: every <c>_xHHHH_</c> decoded.</summary>
    public static string Decode(string stored) => stored.Contains("_x", StringComparison.Ordinal) ? Decode(stored.AsSpan()) : stored;

    /// <summary>The text stored characters stand for, as a new string.</summary>
    public static string Decode(ReadOnlySpan<char> stored)
    {
        var i = stored.IndexOf("_x", StringComparison.Ordinal);
        if (i < 0)
            return new string(stored);
        var text = new StringBuilder(stored.Length);
        var rest = stored;
        while (i >= 0)
        {
            if (IsEscape(rest[i..]))
            {
                text.Append(rest[..i]).Append((char)ushort.Parse(rest.Slice(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
                rest = rest[(i + 7)..];
            }
            else
            {
                text.Append(rest[..(i + 1)]);
                rest = rest[(i + 1)..];
            }
            i = rest.IndexOf("_x", StringComparison.Ordinal);
        }
        return text.Append(rest).ToString();
    }

    private static int Next(ReadOnlySpan<char> s)
    {
        var i = s.IndexOfAny(Ascii);
        var j = (i < 0 ? s : s[..i]).IndexOfAnyInRange('\uD800', '\uDFFF');
        if (j >= 0)
            i = j;
        j = (i < 0 ? s : s[..i]).IndexOfAnyInRange('\uFFFE', '\uFFFF');
        return j >= 0 ? j : i;
    }

    // _xHHHH_ at the start, in either case of hex digits.
    private static bool IsEscape(ReadOnlySpan<char> s) =>
        s.Length >= 7 && s[0] == '_' && s[1] == 'x' && s[6] == '_' && char.IsAsciiHexDigit(s[2]) && char.IsAsciiHexDigit(s[3])
        && char.IsAsciiHexDigit(s[4]) && char.IsAsciiHexDigit(s[5]);
}
