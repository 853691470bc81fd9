namespace Pilote.Targets;

/// <summary>The words and symbols targets are written with, in French and English (lower case).</summary>
internal static class TargetVocabulary
{
    /// <summary>Marks "top 3" and "entre 2 et 3", which are read by their own rules.</summary>
    public enum Lead
    {
        Compare,
        Top,
        Between,
    }

    /// <summary>Phrases that may start a target, longest first so "pas plus de" wins over "plus de".</summary>
    public static readonly (string[] Words, Lead Lead, Comparator Comparator)[] LeadingPhrases =
        new (string Phrase, Lead Lead, Comparator Comparator)[]
        {
            ("au moins", Lead.Compare, Comparator.AtLeast),
            ("au minimum", Lead.Compare, Comparator.AtLeast),
            ("minimum", Lead.Compare, Comparator.AtLeast),
            ("min", Lead.Compare, Comparator.AtLeast),
            ("at least", Lead.Compare, Comparator.AtLeast),
            ("pas moins de", Lead.Compare, Comparator.AtLeast),
            ("no less than", Lead.Compare, Comparator.AtLeast),
            ("au plus", Lead.Compare, Comparator.AtMost),
            ("au maximum", Lead.Compare, Comparator.AtMost),
            ("maximum", Lead.Compare, Comparator.AtMost),
            ("max", Lead.Compare, Comparator.AtMost),
            ("at most", Lead.Compare, Comparator.AtMost),
            ("pas plus de", Lead.Compare, Comparator.AtMost),
            ("no more than", Lead.Compare, Comparator.AtMost),
            ("up to", Lead.Compare, Comparator.AtMost),
            ("jusqu'à", Lead.Compare, Comparator.AtMost),
            ("jusqu’à", Lead.Compare, Comparator.AtMost),
            ("moins de", Lead.Compare, Comparator.LessThan),
            ("less than", Lead.Compare, Comparator.LessThan),
            ("fewer than", Lead.Compare, Comparator.LessThan),
            ("under", Lead.Compare, Comparator.LessThan),
            ("below", Lead.Compare, Comparator.LessThan),
            ("inférieur à", Lead.Compare, Comparator.LessThan),
            ("plus de", Lead.Compare, Comparator.GreaterThan),
            ("more than", Lead.Compare, Comparator.GreaterThan),
            ("greater than", Lead.Compare, Comparator.GreaterThan),
            ("over", Lead.Compare, Comparator.GreaterThan),
            ("above", Lead.Compare, Comparator.GreaterThan),
            ("supérieur à", Lead.Compare, Comparator.GreaterThan),
            ("exactement", Lead.Compare, Comparator.Equal),
            ("exactly", Lead.Compare, Comparator.Equal),
            ("top", Lead.Top, Comparator.AtMost),
            ("entre", Lead.Between, Comparator.Between),
            ("between", Lead.Between, Comparator.Between),
        }
        .Select(p => (p.Phrase.Split(' '), p.Lead, p.Comparator))
        .OrderByDescending(p => p.Item1.Length)
        .ToArray();

    /// <summary>"3 € max", "500 leads minimum". "min" is left out: after a number it means minutes.</summary>
    public static readonly (string[] Words, Comparator Comparator)[] TrailingPhrases =
        new (string Phrase, Comparator Comparator)[]
        {
            ("minimum", Comparator.AtLeast),
            ("au moins", Comparator.AtLeast),
            ("au minimum", Comparator.AtLeast),
            ("at least", Comparator.AtLeast),
            ("ou plus", Comparator.AtLeast),
            ("or more", Comparator.AtLeast),
            ("max", Comparator.AtMost),
            ("maximum", Comparator.AtMost),
            ("au plus", Comparator.AtMost),
            ("au maximum", Comparator.AtMost),
            ("at most", Comparator.AtMost),
            ("ou moins", Comparator.AtMost),
            ("or less", Comparator.AtMost),
        }
        .Select(p => (p.Phrase.Split(' '), p.Comparator))
        .OrderByDescending(p => p.Item1.Length)
        .ToArray();

    /// <summary>What joins the two bounds of a range.</summary>
    public static readonly string[] RangeJoiners = ["et", "and", "à", "a", "to"];

    public static string? CurrencyCode(TargetToken token) => token.Kind switch
    {
        TokenKind.Symbol => token.Text switch
        {
            "€" => "EUR",
            "$" => "USD",
            "£" => "GBP",
            _ => null,
        },
        TokenKind.Word => token.Lower switch
        {
            "eur" or "euro" or "euros" => "EUR",
            "usd" or "dollar" or "dollars" => "USD",
            "gbp" => "GBP",
            "chf" => "CHF",
            _ => null,
        },
        _ => null,
    };

    /// <summary>Seconds in one of the unit, or null when the word is not a duration unit.</summary>
    public static int? DurationSeconds(TargetToken token) => token.Kind != TokenKind.Word ? null : token.Lower switch
    {
        "s" or "sec" or "secs" or "seconde" or "secondes" or "second" or "seconds" => 1,
        "min" or "mn" or "mins" or "minute" or "minutes" => 60,
        "h" or "heure" or "heures" or "hour" or "hours" => 3600,
        _ => null,
    };
}
