using System.Globalization;
using Pilote.Measurements.Readers;

namespace Pilote.Office.Reading;

/// <summary>
/// A workbook export (Meta Ads Manager's .xlsx, a generic long or wide sheet) as the measurement readers see a CSV:
/// the first sheet's rows, streamed by <see cref="WorkbookReader"/> after <c>XlsxGuard</c>'s checks.
/// </summary>
public sealed class WorkbookExportRows : IWorkbookRows
{
    public IExportRows Open(string path) => new SheetRows(new WorkbookReader(path));

    private sealed class SheetRows : IExportRows
    {
        private readonly WorkbookReader _book;
        private readonly IEnumerator<SheetRow> _rows;
        private SheetRow? _current;

        public SheetRows(WorkbookReader book)
        {
            _book = book;
            var sheet = book.SheetNames.FirstOrDefault()
                ?? throw new Pilote.Common.PiloteInputException($"{book.FileName} : le classeur n'a aucune feuille", $"{book.FileName}: the workbook has no sheets");
            _rows = book.Rows(sheet).GetEnumerator();
        }

        // A sheet has no comment lines: GA4's preamble exists only in its CSV downloads.
        public List<string> Comments { get; } = [];

        public string[]? Header { get; set; }

        public int Row => _current?.Number ?? 0;

        public int Count => _current?.Cells.Length ?? 0;

        public bool IsBlank => _current is null || _current.IsBlank;

        public ReadOnlySpan<char> Span(int i) => this[i];

        public string this[int i] => Cell(_current?[i]);

        public bool Next()
        {
            var more = _rows.MoveNext();
            _current = more ? _rows.Current : null;
            return more;
        }

        public string[] Fields()
        {
            var fields = new string[Count];
            for (var i = 0; i < fields.Length; i++)
                fields[i] = this[i];
            return fields;
        }

        // Excel stores very small or very large numbers in exponent form ("1.5E-2"): the readers expect plain digits.
        private static string Cell(string? text)
        {
            if (text is null)
                return "";
            if (text.Length > 3 && text.AsSpan().IndexOfAny('E', 'e') > 0 && char.IsAsciiDigit(text[0])
                && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                return number.ToString(CultureInfo.InvariantCulture);
            return text;
        }

        public void Dispose()
        {
            _rows.Dispose();
            _book.Dispose();
        }
    }
}
