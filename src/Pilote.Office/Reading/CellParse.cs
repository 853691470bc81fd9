using System.Globalization;
using Pilote.Common;
using Pilote.Office.Common;

namespace Pilote.Office.Reading;

/// <summary>
/// Typed values out of the text a cell holds: a date may be an Excel serial or typed text, a number may be French.
/// Where the cell is only gets spelled out when a value is refused: building that text for every cell would cost more
/// than reading it.
/// </summary>
public static class CellParse
{
    public static int? Int(string? text, Func<string> where)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue)
            return (int)d;
        var at = where();
        throw new PiloteInputException($"{at} : « {text} » n'est pas un nombre entier", $"{at}: '{text}' is not a whole number");
    }

    public static decimal? Decimal(string? text, Func<string> where) => Decimal(text, where, static w => w());

    /// <summary>As <see cref="Decimal(string?, Func{string})"/>, where the cell is said from a state and a static function:
    /// a row of a 100 000-row sheet then allocates no closure for a message it will almost never need.</summary>
    public static decimal? Decimal<TState>(string? text, TState state, Func<TState, string> where)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
            return d;
        var at = where(state);
        try
        {
            return Inputs.ParseAmount(text, at, allowNegative: true);
        }
        catch (PiloteInputException ex)
        {
            // A workbook cell reads as an amount in French, with a workbook's examples; the English stays the shared one.
            throw new PiloteInputException($"{at} : « {text} » n'est pas un montant (exemples : 1 500, 1 500,50 €, 1500.5)", ex.Message);
        }
    }

    public static DateOnly? Date(string? text, Func<string> where) => Date(text, where, static w => w());

    /// <summary>As <see cref="Date(string?, Func{string})"/>, where the cell is said from a state and a static function.</summary>
    public static DateOnly? Date<TState>(string? text, TState state, Func<TState, string> where)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 0 and < 2_958_466)
            return CellRef.FromSerial(serial);
        if (TextDates.Parse(text) is { } date)
            return date;
        var at = where(state);
        throw new PiloteInputException(
            $"{at} : « {text} » n'est pas une date (attendu : une cellule date, AAAA-MM-JJ, JJ/MM/AAAA ou « 12 mars 2026 »)",
            $"{at}: '{text}' is not a date (expected a date cell, YYYY-MM-DD, DD/MM/YYYY or '12 mars 2026')");
    }
}
