using System.Text;
using Sylvan.Data.Csv;

namespace Pilote.Measurements.Readers;

/// <summary>
/// The records of an export, header or not, one at a time over Sylvan's reader: the readers decide which record is a
/// title, a header, a totals row or data. <c>#</c> lines (GA4's preamble) arrive in <see cref="Comments"/>, blank
/// lines as records with <see cref="IsBlank"/>.
/// </summary>
public sealed class CsvRows : IExportRows
{
    private readonly CsvDataReader _reader;
    private readonly string _path;
    private readonly char _delimiter;
    private readonly Encoding _encoding;
    private readonly List<string> _pending = [];
    private readonly string? _cutLine;

    /// <param name="comments">Whether <c>#</c> lines are a preamble (tool exports). A team's plan has none: its header may
    /// start with a « # » numbering column, and its first cells with a hashtag (« #NoëlLocal »), lines that are no comment.</param>
    public CsvRows(string path, char delimiter, Encoding? encoding = null, bool comments = true)
    {
        _path = path;
        _delimiter = delimiter;
        // Decided once: the reader and, should a quote never close, the search for where it opens read the same text.
        _encoding = encoding ?? ExportText.Detect(path);
        _cutLine = ExportText.LastLineIfCut(path, _encoding);
        var text = ExportText.Open(path, _encoding);
        var options = new CsvDataReaderOptions
        {
            HasHeaders = false,
            Delimiter = delimiter,
            // Sylvan treats '#' lines as comments by default; NUL never starts a line of text.
            Comment = comments ? '#' : '\0',
            // "# Start date: 20260401;;;;": Excel pads a preamble line too; the padding is no part of its text.
            CommentHandler = (Action<CsvDataReader, string>)((_, comment) => _pending.Add(comment.TrimEnd(delimiter))),
            OwnsReader = true,
            MaxBufferSize = 1 << 22,
        };
        try
        {
            _reader = CsvDataReader.Create(text, options);
        }
        catch (DecoderFallbackException)
        {
            throw ExportText.WrongEncoding(path, delimiter, null);
        }
    }

    /// <summary>The <c>#</c> lines met since the previous record, without the <c>#</c>.</summary>
    public List<string> Comments { get; } = [];

    /// <summary>The header the reader settled on, to name the column in an error about the file's bytes.</summary>
    public string[]? Header { get; set; }

    /// <summary>The 1-based line of the current record in the file.</summary>
    public int Row { get; private set; }

    public int Count => _reader.RowFieldCount;

    // Excel pads a blank line to the sheet's width (";;;;"): no field holding anything is a blank line too.
    public bool IsBlank
    {
        get
        {
            for (var i = 0; i < Count; i++)
                if (_reader.GetFieldSpan(i).Length > 0)
                    return false;
            return true;
        }
    }

    public string this[int i] => i < Count ? _reader.GetString(i) : "";

    public ReadOnlySpan<char> Span(int i) => i < Count ? _reader.GetFieldSpan(i) : default;

    public bool Next()
    {
        Comments.Clear();
        bool more;
        try
        {
            more = _reader.Read();
        }
        catch (DecoderFallbackException)
        {
            throw ExportText.WrongEncoding(_path, _delimiter, Header);
        }
        catch (CsvFormatException)
        {
            throw ExportText.UnclosedQuote(_path, _delimiter, Header, Row + 1, _encoding);
        }
        Comments.AddRange(_pending);
        Row += _pending.Count + 1;
        _pending.Clear();
        // Refused before any reader sees the row: read as it is, its missing values went in as nothing measured, or its
        // missing date asked for --start and --end, which then imported it.
        if (more && IsCutShort())
            throw ExportText.CutShort(_path, Row, Count, Header!);
        return more;
    }

    // A record shorter than the header the reader settled on, which is the file's last line and no line break ends.
    // That it is the last line, the end of the file says: the record's fields, joined, are that line (quotes aside).
    private bool IsCutShort() =>
        _cutLine is not null && Header is { } header && Count < header.Length
        && _cutLine.Replace("\"", "", StringComparison.Ordinal) == string.Join(_delimiter, Fields()).Replace("\"", "", StringComparison.Ordinal);

    public string[] Fields()
    {
        var fields = new string[Count];
        for (var i = 0; i < fields.Length; i++)
            fields[i] = _reader.GetString(i);
        return fields;
    }

    public void Dispose() => _reader.Dispose();
}
