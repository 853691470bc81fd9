using System.Globalization;
using System.Text;

namespace Pilote.Actions;

/// <summary>
/// The one comparison form of a tracking code, used by everything that writes codes (actions, demo, <c>pilote utm</c>,
/// assigned aliases) and by matching. Tools rewrite campaign names on the way: "T1 SEA Produit", "t1-sea-produit",
/// "t1_sea_produit" and "T1.SEA.Produit" all reach Pilote for the same link, so the form keeps only letters and
/// digits, in lower case and without accents.
/// </summary>
public static class TrackingCodes
{
    public static string Normalize(string value) => Normalize(value.AsSpan());

    public static string Normalize(ReadOnlySpan<char> value)
    {
        // Codes are short; the buffer holds the worst case (a decomposed character adds nothing: marks are dropped).
        Span<char> buffer = value.Length <= 256 ? stackalloc char[value.Length] : new char[value.Length];
        var n = 0;
        foreach (var c in value)
        {
            if (char.IsAscii(c))
            {
                if (char.IsAsciiLetterOrDigit(c))
                    buffer[n++] = char.ToLowerInvariant(c);
                else if (!IsSeparator(c))
                    buffer[n++] = c;
                continue;
            }
            if (char.IsWhiteSpace(c) || c is '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014')
                continue;
            // é → e + U+0301: keep the base letter, drop the combining marks.
            foreach (var d in c.ToString().Normalize(NormalizationForm.FormD))
                if (CharUnicodeInfo.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark)
                    buffer[n++] = char.ToLowerInvariant(d);
        }
        return new string(buffer[..n]);
    }

    private static bool IsSeparator(char c) => c is ' ' or '\t' or '\r' or '\n' or '-' or '_' or '.';
}
