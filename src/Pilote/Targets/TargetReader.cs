using Pilote.Kpis;
using static Pilote.Targets.TargetVocabulary;

namespace Pilote.Targets;

/// <summary>
/// Reads one target: [comparator] [+|-] [currency] number [k] [unit] [label] [trailing comparator],
/// or "top N", or "entre A et B". Anything else fails with the position of the fault: never a silent guess.
/// </summary>
internal sealed class TargetReader(string text, TargetContext context)
{
    private readonly List<TargetToken> _tokens = TargetTokenizer.Tokenize(text);
    private readonly bool _commaIsDecimal = TargetNumber.CommaIsDecimal(context.Culture);
    private int _i;

    /// <param name="Scale">What the unit multiplied the typed number by, so a bare bound of a range can follow it.</param>
    private sealed record Quantity(decimal Value, KpiUnit? Unit, string? Currency, decimal Scale, TargetToken First);

    private TargetToken? Peek => _i < _tokens.Count ? _tokens[_i] : null;

    private TargetToken? PeekAt(int offset) => _i + offset < _tokens.Count ? _tokens[_i + offset] : null;

    public Target Read()
    {
        if (_tokens.Count == 0)
        {
            throw Fail("la cible est vide", "the target is empty");
        }

        var lead = ReadLead();
        return lead?.Lead switch
        {
            Lead.Top => ReadTop(lead.Value.Shown),
            Lead.Between => ReadBetween(lead.Value.Shown),
            _ => ReadCompared(lead?.Comparator, lead?.Shown),
        };
    }

    private (Lead Lead, Comparator Comparator, string Shown)? ReadLead()
    {
        var first = _tokens[0];
        if (first.Kind == TokenKind.Symbol && SymbolComparator(first) is var (comparator, length))
        {
            _i = length;
            return (Lead.Compare, comparator, text[first.Start.._tokens[length - 1].End]);
        }

        foreach (var (words, lead, phraseComparator) in LeadingPhrases)
        {
            if (words.Length <= _tokens.Count && words.Select((w, k) => _tokens[k].IsWord(w)).All(m => m))
            {
                _i = words.Length;
                return (lead, phraseComparator, text[first.Start.._tokens[words.Length - 1].End]);
            }
        }

        return null;
    }

    /// <summary>Reads "&gt;", "&gt;=", "=&gt;", "≥" and the like, consuming a second adjacent symbol when it belongs.</summary>
    private (Comparator Comparator, int Length)? SymbolComparator(TargetToken first)
    {
        var second = _tokens.Count > 1 && _tokens[1].Kind == TokenKind.Symbol && _tokens[1].Start == first.End
            ? _tokens[1].Text
            : "";
        var pair = first.Text + second;
        Comparator? two = pair switch
        {
            ">=" or "=>" => Comparator.AtLeast,
            "<=" or "=<" => Comparator.AtMost,
            "==" => Comparator.Equal,
            _ => null,
        };
        if (two is { } pairComparator)
        {
            return (pairComparator, 2);
        }

        Comparator? one = first.Text switch
        {
            ">" => Comparator.GreaterThan,
            "≥" => Comparator.AtLeast,
            "<" => Comparator.LessThan,
            "≤" => Comparator.AtMost,
            "=" => Comparator.Equal,
            _ => null,
        };
        return one is { } single ? (single, 1) : null;
    }

    private Target ReadCompared(Comparator? comparator, string? shown)
    {
        var sign = Peek is { } s && (s.IsSymbol('+') || s.IsSymbol('-')) ? _tokens[_i++] : null;
        var quantity = ReadQuantity(sign?.Text ?? shown);
        var (label, trailing) = ReadRest(quantity);
        if (comparator is not null && trailing is not null)
        {
            throw Fail($"«{text}» a deux comparateurs, un avant et un après le nombre", $"«{text}» has two comparators, one before and one after the number");
        }

        comparator ??= trailing;
        if (sign is null)
        {
            var bare = context.Direction == Direction.LowerIsBetter ? Comparator.AtMost : Comparator.AtLeast;
            return new Target(comparator ?? bare, quantity.Value, Unit: quantity.Unit ?? KpiUnit.Count,
                Currency: quantity.Currency, Label: label);
        }

        if (quantity.Unit != KpiUnit.Percent)
        {
            throw sign.Text == "-"
                ? Fail($"une cible ne peut pas être négative («-{quantity.First.Text}» en position {sign.Position})", $"a target cannot be negative («-{quantity.First.Text}» at position {sign.Position})")
                : Fail($"«+{quantity.First.Text}» en position {sign.Position} a un signe mais pas de % : "
                    + "écrivez +5% pour une évolution par rapport à la valeur de départ, ou la valeur seule pour une cible absolue",
                    $"«+{quantity.First.Text}» at position {sign.Position} has a sign but no %: "
                    + "write +5% for a change relative to the baseline, or the value alone for an absolute target");
        }

        var change = sign.Text == "-" ? -quantity.Value : quantity.Value;
        if (change < -1)
        {
            throw Fail($"«{text}» ferait passer la cible sous zéro, et une cible ne peut pas être négative", $"«{text}» would bring the target below zero, and a target cannot be negative");
        }

        if (context.Baseline is not { } baseline)
        {
            throw Fail($"«{text}» est relatif à une valeur de départ, et aucune n'est renseignée", $"«{text}» is relative to a baseline, and none is set");
        }

        // A rise is a floor to reach, a fall a ceiling to stay under, unless a comparator says otherwise.
        comparator ??= change >= 0 ? Comparator.AtLeast : Comparator.AtMost;
        return new Target(comparator.Value, baseline * (1 + change), Label: label, RelativeChange: change);
    }

    private Target ReadTop(string shown)
    {
        var quantity = ReadQuantity(shown);
        if (quantity.Unit is not null)
        {
            throw Fail($"«{text}» : un rang n'a pas d'unité", $"«{text}»: a rank has no unit");
        }

        if (quantity.Value < 1 || quantity.Value != decimal.Truncate(quantity.Value))
        {
            throw Fail($"«{text}» : un rang est un entier à partir de 1, pas {quantity.First.Text}", $"«{text}»: a rank is a whole number from 1, not {quantity.First.Text}");
        }

        var (label, trailing) = ReadRest(quantity);
        if (trailing is not null)
        {
            throw Fail($"«{text}» : «top» dit déjà au plus", $"«{text}»: «top» already says at most");
        }

        return new Target(Comparator.AtMost, quantity.Value, Unit: KpiUnit.Rank, Label: label);
    }

    private Target ReadBetween(string shown)
    {
        var lower = ReadQuantity(shown);
        var joiner = Peek;
        if (joiner is null)
        {
            throw Fail($"«{text}» : un intervalle a besoin d'une seconde borne après «{lower.First.Text}», comme dans «entre 2 et 3»", $"«{text}»: a range needs a second bound after «{lower.First.Text}», as in «entre 2 et 3»");
        }

        if (!joiner.IsWord(RangeJoiners) && !joiner.IsSymbol('-'))
        {
            throw Fail($"«et» attendu entre les bornes en position {joiner.Position}, trouvé «{joiner.Text}»", $"expected «et» or «and» between the bounds at position {joiner.Position}, found «{joiner.Text}»");
        }

        _i++;
        var upper = ReadQuantity(joiner.Text);
        var (label, trailing) = ReadRest(upper);
        if (trailing is not null)
        {
            throw Fail($"«{text}» : l'intervalle a déjà ses deux bornes", $"«{text}»: a range already has both bounds");
        }

        if (lower.Unit is not null && upper.Unit is not null
            && (lower.Unit != upper.Unit || lower.Currency != upper.Currency))
        {
            throw Fail($"«{text}» : les deux bornes sont dans des unités différentes", $"«{text}»: the two bounds are in different units");
        }

        // "entre 20 et 30 %": a unit written once applies to both bounds.
        var low = lower.Unit is null ? lower.Value * upper.Scale : lower.Value;
        var high = upper.Unit is null ? upper.Value * lower.Scale : upper.Value;
        if (low > high)
        {
            throw Fail($"«{text}» : la borne basse {lower.First.Text} est au-dessus de la borne haute {upper.First.Text}", $"«{text}»: the lower bound {lower.First.Text} is above the upper bound {upper.First.Text}");
        }

        return new Target(Comparator.Between, low, high, lower.Unit ?? upper.Unit ?? KpiUnit.Count,
            lower.Currency ?? upper.Currency, label);
    }

    private Quantity ReadQuantity(string? after)
    {
        string? prefixCurrency = null;
        if (Peek is { } c && CurrencyCode(c) is { } code && PeekAt(1)?.Kind == TokenKind.Number)
        {
            prefixCurrency = code;
            _i++;
        }

        if (Peek is { } minus && minus.IsSymbol('-') && PeekAt(1)?.Kind == TokenKind.Number)
        {
            throw Fail($"une cible ne peut pas être négative («-{PeekAt(1)!.Text}» en position {minus.Position})", $"a target cannot be negative («-{PeekAt(1)!.Text}» at position {minus.Position})");
        }

        var number = Peek is { Kind: TokenKind.Number } n ? n : throw NoNumber(after);
        _i++;
        var value = ToDecimal(number);
        if (Peek is { } k && k.IsWord("k"))
        {
            value *= 1000;
            _i++;
        }

        if (prefixCurrency is not null)
        {
            if (Peek is { } again && CurrencyCode(again) is not null)
            {
                throw Fail($"la devise est donnée deux fois («{again.Text}» en position {again.Position})", $"the currency is given twice («{again.Text}» at position {again.Position})");
            }

            return new Quantity(value, KpiUnit.Currency, prefixCurrency, 1, number);
        }

        if (Peek is { } unit && unit.IsSymbol('%'))
        {
            _i++;
            if (Peek is { } twice && twice.IsSymbol('%'))
            {
                throw Fail($"«%» est répété en position {twice.Position}", $"«%» is repeated at position {twice.Position}");
            }

            return new Quantity(value / 100, KpiUnit.Percent, null, 0.01m, number);
        }

        if (Peek is { } currency && CurrencyCode(currency) is { } suffixCode)
        {
            _i++;
            return new Quantity(value, KpiUnit.Currency, suffixCode, 1, number);
        }

        if (Peek is { } duration && DurationSeconds(duration) is { } seconds)
        {
            _i++;
            return new Quantity(ReadDuration(value, seconds), KpiUnit.Seconds, null, seconds, number);
        }

        return new Quantity(value, null, null, 1, number);
    }

    /// <summary>"1 min 30", "2 min 30 s", "1 h 15": each further number is in the next smaller unit.</summary>
    private decimal ReadDuration(decimal value, int unitSeconds)
    {
        var total = value * unitSeconds;
        while (unitSeconds > 1 && Peek is { Kind: TokenKind.Number } part)
        {
            _i++;
            var partValue = ToDecimal(part);
            var smaller = unitSeconds / 60;
            if (Peek is { } word && DurationSeconds(word) is { } named)
            {
                if (named >= unitSeconds)
                {
                    throw Fail($"«{word.Text}» en position {word.Position} vient après une unité plus petite", $"«{word.Text}» at position {word.Position} comes after a unit it should be smaller than");
                }

                smaller = named;
                _i++;
            }

            if (partValue >= 60)
            {
                throw Fail($"«{part.Text}» en position {part.Position} doit être sous 60 dans une durée comme «1 min 30»", $"«{part.Text}» at position {part.Position} should be below 60 in a duration such as «1 min 30»");
            }

            total += partValue * smaller;
            unitSeconds = smaller;
        }

        return total;
    }

    /// <summary>Reads what follows the quantity: an optional label, then an optional trailing comparator.</summary>
    private (string? Label, Comparator? Trailing) ReadRest(Quantity quantity)
    {
        var rest = _tokens[_i..];
        foreach (var token in rest)
        {
            if (token.Kind == TokenKind.Number)
            {
                throw Fail($"«{text}» a deux nombres, {quantity.First.Text} et {token.Text} en position {token.Position} ; "
                    + "pour un intervalle écrivez «entre 2 et 3»",
                    $"«{text}» has two numbers, {quantity.First.Text} and {token.Text} at position {token.Position}; "
                    + "for a range write «entre 2 et 3»");
            }

            if (token.Kind == TokenKind.Symbol && token.Text is not ("-" or "." or "/" or "&"))
            {
                throw Fail($"«{token.Text}» inattendu en position {token.Position}", $"unexpected «{token.Text}» at position {token.Position}");
            }
        }

        if (rest.Count > 0 && rest[0].Kind != TokenKind.Word)
        {
            // Punctuation may sit inside a label ("e-mails"), not stand for one.
            throw Fail($"«{rest[0].Text}» inattendu en position {rest[0].Position}", $"unexpected «{rest[0].Text}» at position {rest[0].Position}");
        }

        Comparator? trailing = null;
        foreach (var (words, comparator) in TrailingPhrases)
        {
            var start = rest.Count - words.Length;
            if (start >= 0 && words.Select((w, k) => rest[start + k].IsWord(w)).All(m => m))
            {
                trailing = comparator;
                rest = rest[..start];
                break;
            }
        }

        _i = _tokens.Count;
        return (rest.Count == 0 ? null : text[rest[0].Start..rest[^1].End], trailing);
    }

    private decimal ToDecimal(TargetToken number) =>
        TargetNumber.Read(number.Text, _commaIsDecimal, out var error)
        ?? throw Fail($"le nombre «{number.Text}» en position {number.Position} est illisible ({error})", $"the number «{number.Text}» at position {number.Position} {error}");

    private TargetFormatException NoNumber(string? after)
    {
        if (Peek is not { } found)
        {
            return after is null
                ? Fail($"«{text}» n'a pas de nombre", $"«{text}» has no number")
                : Fail($"«{after}» n'est pas suivi d'un nombre", $"«{after}» is not followed by a number");
        }

        if (_tokens.All(t => t.Kind != TokenKind.Number))
        {
            return Fail($"«{text}» n'a pas de nombre : écrivez une valeur comme >25%, 1000 ou <3 €", $"«{text}» has no number: write a value such as >25%, 1000 or <3 €");
        }

        return found.Kind == TokenKind.Word
            ? Fail($"«{found.Text}» en position {found.Position} n'est pas compris : avant le nombre ne peuvent venir qu'un "
                + "comparateur (>, au moins, max, entre, top…) ou une devise",
                $"«{found.Text}» at position {found.Position} is not understood: before the number only a "
                + "comparator (>, au moins, max, entre, top…) or a currency may come")
            : Fail($"«{found.Text}» inattendu en position {found.Position}, un nombre était attendu", $"unexpected «{found.Text}» at position {found.Position}, expected a number");
    }

    private static TargetFormatException Fail(string french, string english) => new(english) { French = french };
}
