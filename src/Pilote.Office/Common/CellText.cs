namespace Pilote.Office.Common;

/// <summary>
/// Text that a spreadsheet would take for a formula (=, +, -, @, tab, carriage return first) is written with a leading
/// apostrophe, so "=HYPERLINK(…)" typed as a comment stays a comment when the CSV is opened in Excel.
/// </summary>
public static class CellText
{
    public static bool LooksLikeFormula(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    public static string Defuse(string? text) =>
        text is null ? "" : LooksLikeFormula(text) ? "'" + text : text;
}
