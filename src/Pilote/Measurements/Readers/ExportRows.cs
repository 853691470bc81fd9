namespace Pilote.Measurements.Readers;

/// <summary>
/// The records of an export, one at a time, whatever the file is made of: CSV through Sylvan (<see cref="CsvRows"/>)
/// or a workbook's first sheet (Pilote.Office implements it, so the domain never knows xlsx). Readers decide which
/// record is a title, a header, a totals row or data.
/// </summary>
public interface IExportRows : IDisposable
{
    /// <summary>The <c>#</c> lines met since the previous record, without the <c>#</c> (GA4's preamble).</summary>
    List<string> Comments { get; }

    /// <summary>The header the reader settled on, to name the column in an error about the file's bytes.</summary>
    string[]? Header { get; set; }

    /// <summary>The 1-based line (or sheet row) of the current record.</summary>
    int Row { get; }

    int Count { get; }

    bool IsBlank { get; }

    /// <summary>A field without making a string: the hot path reads numbers, dates and keys from here.</summary>
    ReadOnlySpan<char> Span(int i);

    string this[int i] { get; }

    bool Next();

    string[] Fields();
}

public static class ExportRowsExtensions
{
    /// <summary>The fields up to the last that holds something: Excel pads a short row to the sheet's width ("All time;;;;").</summary>
    public static int Used(this IExportRows rows)
    {
        var n = rows.Count;
        while (n > 0 && rows.Span(n - 1).Trim().Length == 0)
            n--;
        return n;
    }
}

/// <summary>Opens workbook exports as rows: given to the importer by the application, which knows Pilote.Office.</summary>
public interface IWorkbookRows
{
    IExportRows Open(string path);
}

/// <summary>An export on disk, CSV or workbook: how to open its records, its delimiter and its first lines.</summary>
public sealed class ExportFile
{
    private readonly IWorkbookRows? _workbooks;

    private ExportFile(string path, IWorkbookRows? workbooks, bool isWorkbook)
    {
        Path = path;
        Name = System.IO.Path.GetFileName(path);
        _workbooks = workbooks;
        IsWorkbook = isWorkbook;
        Encoding = isWorkbook ? null : ExportText.DetectExport(path);
        Head = isWorkbook ? WorkbookHead() : ExportText.Head(path, Encoding!);
        Delimiter = isWorkbook ? '\t' : ExportText.Delimiter(Head);
    }

    /// <summary>How a CSV's bytes are read (null for a workbook): the tool's UTF-8 or UTF-16, or Excel's Windows-1252.</summary>
    public System.Text.Encoding? Encoding { get; }

    /// <summary>A CSV not in UTF-8 or UTF-16, read as Windows-1252: saved again by Excel, which the import says.</summary>
    public bool ReadAsWindows1252 => Encoding == ExportText.Windows1252;

    /// <summary>
    /// Whether "12,5" is twelve and a half. A semicolon separates fields where the comma is the decimal mark: French
    /// Excel's « CSV (séparateur : point-virgule) », or a tool writing in such a language. No tool writes its own
    /// export that way in a language where the comma groups thousands.
    /// </summary>
    public bool SemicolonDecimalComma => Delimiter == ';';

    /// <summary>
    /// Whether "02/01/2026" is the 2nd of January: true where the file is in a day-first convention (semicolons, tabs,
    /// workbooks, as before), null for a comma-separated file, which US Excel writes month first (2/1/2026) and a
    /// British one day first: its dates tell (a 13 or more on one side), else the import refuses to guess.
    /// </summary>
    public bool? DayFirst => IsWorkbook || Delimiter != ',' ? true : null;

    public string Path { get; }
    public string Name { get; }
    public bool IsWorkbook { get; }

    /// <summary>The first characters (a workbook's first rows as tab-separated lines), to recognise the source.</summary>
    public string Head { get; }

    public char Delimiter { get; }

    public static ExportFile Open(string path, IWorkbookRows? workbooks = null)
    {
        var name = System.IO.Path.GetFileName(path);
        if (!File.Exists(path))
            throw Common.InputFiles.Missing(path, showPath: true);
        if (!LooksLikeZip(path))
            return new ExportFile(path, workbooks, false);
        if (workbooks is null)
            throw new Common.PiloteInputException($"{name} : un classeur (.xlsx) ne se lit pas ici ; exportez-le en CSV", $"{name}: a workbook (.xlsx) cannot be read here; export it as CSV");
        return new ExportFile(path, workbooks, true);
    }

    public IExportRows Rows() => IsWorkbook ? _workbooks!.Open(Path) : new CsvRows(Path, Delimiter, Encoding);

    // An .xlsx is a zip, an old .xls an OLE file: the first bytes say so whatever the file is called. The workbook
    // reader then checks it (and refuses an .xls in one clear line).
    private static bool LooksLikeZip(string path)
    {
        Span<byte> head = stackalloc byte[8];
        using var s = ExportText.OpenStream(path);
        var n = s.ReadAtLeast(head, 8, throwOnEndOfStream: false);
        return n >= 4 && head[..4].SequenceEqual("PK\u0003\u0004"u8)
            || n == 8 && head.SequenceEqual((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    }

    private string WorkbookHead()
    {
        using var rows = _workbooks!.Open(Path);
        var lines = new List<string>();
        while (lines.Count < 12 && rows.Next())
        {
            foreach (var comment in rows.Comments)
                lines.Add("#" + comment);
            lines.Add(string.Join('\t', rows.Fields()));
        }
        return string.Join('\n', lines);
    }
}
