using System.Globalization;

namespace Pilote.Kpis;

/// <summary>
/// Recursive descent over: expr = term (('+'|'-') term)*; term = unary (('*'|'/') unary)*;
/// unary = '-' unary | primary; primary = number | identifier | '(' expr ')'.
/// Positions in messages are 1-based.
/// </summary>
internal sealed class KpiExpressionParser(string text)
{
    private int _pos;

    public List<string> Metrics { get; } = [];

    public KpiNode ParseFormula()
    {
        SkipSpaces();
        if (_pos >= text.Length)
        {
            throw Error("the formula is empty", "la formule est vide");
        }

        var node = ParseSum();
        SkipSpaces();
        if (_pos < text.Length)
        {
            throw Error($"expected an operator (+ - * /) at position {_pos + 1}, found {Found()}", $"opérateur (+ - * /) attendu en position {_pos + 1}, trouvé {Found(true)}");
        }

        return node;
    }

    private KpiNode ParseSum()
    {
        var node = ParseProduct();
        while (TryOperator('+', '-') is { } op)
        {
            node = new BinaryNode(op, node, ParseProduct());
        }

        return node;
    }

    private KpiNode ParseProduct()
    {
        var node = ParseUnary();
        while (TryOperator('*', '/') is { } op)
        {
            node = new BinaryNode(op, node, ParseUnary());
        }

        return node;
    }

    private KpiNode ParseUnary()
    {
        SkipSpaces();
        if (_pos < text.Length && text[_pos] == '-')
        {
            _pos++;
            return new NegateNode(ParseUnary());
        }

        return ParsePrimary();
    }

    private KpiNode ParsePrimary()
    {
        SkipSpaces();
        if (_pos >= text.Length)
        {
            throw Error($"expected a metric or a number at position {_pos + 1}, found end of formula", $"métrique ou nombre attendu en position {_pos + 1}, trouvé la fin de la formule");
        }

        var c = text[_pos];
        if (c == '(')
        {
            _pos++;
            var inner = ParseSum();
            SkipSpaces();
            if (_pos >= text.Length || text[_pos] != ')')
            {
                throw Error($"expected ')' at position {_pos + 1}, found {Found()}", $"« ) » attendue en position {_pos + 1}, trouvé {Found(true)}");
            }

            _pos++;
            return inner;
        }

        if (char.IsAsciiDigit(c))
        {
            return ParseNumber();
        }

        if (char.IsAsciiLetter(c) || c == '_')
        {
            var start = _pos;
            while (_pos < text.Length && (char.IsAsciiLetterOrDigit(text[_pos]) || text[_pos] == '_'))
            {
                _pos++;
            }

            var key = text[start.._pos].ToLowerInvariant();
            if (!Metrics.Contains(key))
            {
                Metrics.Add(key);
            }

            return new MetricNode(key);
        }

        throw Error($"expected a metric or a number at position {_pos + 1}, found {Found()}", $"métrique ou nombre attendu en position {_pos + 1}, trouvé {Found(true)}");
    }

    private NumberNode ParseNumber()
    {
        var start = _pos;
        while (_pos < text.Length && char.IsAsciiDigit(text[_pos]))
        {
            _pos++;
        }

        if (_pos < text.Length && text[_pos] == '.')
        {
            _pos++;
            if (_pos >= text.Length || !char.IsAsciiDigit(text[_pos]))
            {
                throw Error($"expected a digit after the decimal point at position {_pos + 1}, found {Found()}", $"chiffre attendu après la virgule en position {_pos + 1}, trouvé {Found(true)}");
            }

            while (_pos < text.Length && char.IsAsciiDigit(text[_pos]))
            {
                _pos++;
            }
        }

        if (!decimal.TryParse(text[start.._pos], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            throw Error($"the number at position {start + 1} is too large", $"le nombre en position {start + 1} est trop grand");
        }

        return new NumberNode(value);
    }

    private char? TryOperator(char first, char second)
    {
        SkipSpaces();
        if (_pos < text.Length && (text[_pos] == first || text[_pos] == second))
        {
            return text[_pos++];
        }

        return null;
    }

    private void SkipSpaces()
    {
        while (_pos < text.Length && char.IsWhiteSpace(text[_pos]))
        {
            _pos++;
        }
    }

    private string Found(bool french = false) =>
        _pos >= text.Length ? french ? "la fin de la formule" : "end of formula" : french ? $"« {text[_pos]} »" : $"'{text[_pos]}'";

    private KpiExpressionException Error(string detail, string french) =>
        new($"KPI formula \"{text}\" : {detail}") { French = $"formule de KPI « {text} » : {french}" };
}
