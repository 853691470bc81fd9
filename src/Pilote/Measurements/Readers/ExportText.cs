using System.Security.Cryptography;
using System.Text;
using Pilote.Common;

namespace Pilote.Measurements.Readers;

/// <summary>
/// Opens an export as text. Tools write UTF-8 (with or without a byte-order mark) or UTF-16 (Google Ads' "CSV for
/// Excel"); Excel writes its code page when a person saves the export again (<see cref="DetectExport"/>). Anything
/// else is refused rather than read as mojibake, because a misread campaign name never matches.
/// </summary>
public static class ExportText
{
    public static TextReader Open(string path) => Open(path, Detect(path));

    // The strict encodings carry their mark as preamble (see Detect), so StreamReader skips a mark the file starts with.
    public static TextReader Open(string path, Encoding encoding) =>
        new StreamReader(OpenStream(path), encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);

    /// <summary>
    /// Excel's « CSV (séparateur : point-virgule) », what a French team gets from « Enregistrer sous… CSV », is written
    /// in the Windows code page, not UTF-8: Windows-1252 for French, English and the other Western European languages.
    /// </summary>
    public static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252,
        EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback)!;

    /// <summary>
    /// For a spreadsheet saved as CSV (a plan, not a tool's export): as <see cref="Detect(string)"/>, except that text
    /// which is not valid UTF-8 anywhere in the file is read as Windows-1252 instead of refused. A tool's export is
    /// always UTF-8 or UTF-16, but a team's own CSV is in Excel's code page more often than not, and in those bytes it
    /// reads exactly (é is E9, € is 80), where UTF-8 would stop at the first accent.
    /// </summary>
    public static Encoding DetectSpreadsheet(string path)
    {
        var detected = Detect(path, out var utf8Mark);
        if (detected is UTF8Encoding && LooksBinary(path))
            throw Binary(path);
        // A UTF-8 mark (Excel's « CSV UTF-8 ») says what the bytes are: no need to read them all first.
        return detected is UTF8Encoding && !utf8Mark && !IsUtf8(path) ? Windows1252 : detected;
    }

    /// <summary>
    /// For a tool's export: as <see cref="DetectSpreadsheet"/>, because an export a person opened in Excel and saved
    /// again as CSV is in Excel's code page too. Bytes that are UTF-8 in places and not elsewhere (a file pasted
    /// together, or damaged) are refused: neither reading gives back every name.
    /// </summary>
    public static Encoding DetectExport(string path)
    {
        var encoding = DetectSpreadsheet(path);
        if (encoding == Windows1252 && HasUtf8Sequence(path))
            throw NotUtf8(path, 8192);
        return encoding;
    }

    /// <summary>
    /// Bytes no text file holds (a NUL, or control characters in numbers) in the first 8 KB: a program, an image, a
    /// PDF or a zip renamed .csv. Read as Windows-1252 its first « line » became a column name of thousands of junk
    /// characters in a one-line error; UTF-16 is checked before (every other byte of its Latin text is a NUL).
    /// </summary>
    private static bool LooksBinary(string path)
    {
        Span<byte> head = stackalloc byte[8192];
        int read;
        using (var s = OpenStream(path))
            read = s.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..read];
        var control = 0;
        foreach (var b in head)
        {
            if (b == 0)
                return true;
            if (b < 0x20 && b is not (byte)'\t' and not (byte)'\n' and not (byte)'\r' and not 0x0C)
                control++;
        }
        return control > Math.Max(2, read / 100);
    }

    private static PiloteInputException Binary(string path) => new(
        $"{Path.GetFileName(path)} : fichier binaire (un programme, une image, un PDF ?), pas du texte : attendu un fichier CSV ou un classeur .xlsx",
        $"{Path.GetFileName(path)}: a binary file (a program, an image, a PDF?), not text: expected a CSV file or an .xlsx workbook");

    /// <summary>What the import says of a file it read as Windows-1252, in French and English.</summary>
    public static (string French, string English) Windows1252Note { get; } = (
        "fichier lu en Windows-1252, le codage des CSV qu'Excel enregistre (« CSV (séparateur : point-virgule) »), car il n'est pas en UTF-8 : vérifiez les accents des campagnes",
        "file read as Windows-1252, the encoding of the CSV files Excel saves ('CSV (Comma delimited)'), as it is not UTF-8: check the accents of the campaign names");

    // A multi-byte UTF-8 character (é is C3 A9): in Windows-1252 text that would be « Ã© », which no export holds.
    private static bool HasUtf8Sequence(string path)
    {
        using var stream = new BufferedStream(OpenStream(path), 1 << 16);
        int previous = -1, b;
        while ((b = stream.ReadByte()) >= 0)
        {
            if (previous is >= 0xC2 and <= 0xDF && b is >= 0x80 and <= 0xBF)
                return true;
            previous = b;
        }
        return false;
    }

    /// <summary>Whether every byte of the file is valid UTF-8, read by blocks (a sequence cut by a block is carried over).</summary>
    public static bool IsUtf8(string path)
    {
        using var stream = OpenStream(path);
        var decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetDecoder();
        var buffer = new byte[1 << 16];
        // GetChars, not GetCharCount: only decoding keeps the decoder's state, the bytes of a character cut by a block.
        var chars = new char[buffer.Length];
        int read;
        try
        {
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
                decoder.GetChars(buffer, 0, read, chars, 0, flush: false);
            decoder.GetChars(buffer, 0, 0, chars, 0, flush: true);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>
    /// The file's last line when no line break ends the file, else null: where a download cut short stops. Tools end
    /// their CSV with a line break (GA4 does not, but its rows are whole), so a last line shorter than its header and
    /// without one is a file cut mid-row. Read from the last bytes only, whatever the file's size.
    /// </summary>
    public static string? LastLineIfCut(string path, Encoding encoding)
    {
        using var stream = OpenStream(path);
        var unit = encoding is UnicodeEncoding ? 2 : 1;
        var take = (int)Math.Min(stream.Length, 4096) / unit * unit;
        if (take == 0)
            return null;
        stream.Seek(-take, SeekOrigin.End);
        var bytes = new byte[take];
        stream.ReadExactly(bytes);
        // Lenient here: the first bytes read may be half a character, which only the line before the last can hold.
        var lenient = (Encoding)encoding.Clone();
        lenient.DecoderFallback = DecoderFallback.ReplacementFallback;
        var text = lenient.GetString(bytes);
        return text.EndsWith('\n') || text.EndsWith('\r') ? null : text[(text.LastIndexOf('\n') + 1)..];
    }

    /// <summary>A last row that stops before its header's last column, in a file no line break ends.</summary>
    public static PiloteInputException CutShort(string path, int row, int fields, string[] header) => new(
        $"{Path.GetFileName(path)}, ligne {row} : la ligne s'arrête à la colonne « {header[fields - 1].Trim()} » ({fields} sur {header.Length} colonnes) "
        + "et le fichier finit sans saut de ligne : il semble tronqué (un téléchargement interrompu ?) ; exportez-le de nouveau",
        $"{Path.GetFileName(path)}: row {row}: the row stops at column '{header[fields - 1].Trim()}' ({fields} of {header.Length} columns) "
        + "and no line break ends the file: it looks cut short (an interrupted download?); export it again");

    public static Stream OpenStream(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PiloteInputException($"{Path.GetFileName(path)} : illisible ({e.Message.TrimEnd('.')})", $"{Path.GetFileName(path)}: cannot be read ({e.Message.TrimEnd('.')})");
        }
    }

    /// <summary>The encoding from the byte-order mark, else UTF-16 when every other byte is zero, else strict UTF-8.</summary>
    public static Encoding Detect(string path) => Detect(path, out _);

    private static Encoding Detect(string path, out bool utf8Mark)
    {
        Span<byte> head = stackalloc byte[64];
        int read;
        using (var s = OpenStream(path))
            read = s.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..read];
        utf8Mark = head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
            return new UnicodeEncoding(bigEndian: false, byteOrderMark: true, throwOnInvalidBytes: true);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            return new UnicodeEncoding(bigEndian: true, byteOrderMark: true, throwOnInvalidBytes: true);
        if (read >= 8 && head[1] == 0 && head[3] == 0 && head[5] == 0 && head[0] != 0)
            return new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true);
        // With its mark as preamble, so that StreamReader skips a mark the file starts with (as it does for UTF-16's):
        // left in, it became part of the first header or of a plan's title row, an invisible character in its name.
        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: true, throwOnInvalidBytes: true);
    }

    /// <summary>The file's first characters (without the byte-order mark, which the reader skips), to recognise its source.</summary>
    public static string Head(string path, int chars = 8192) => Head(path, Detect(path), chars);

    public static string Head(string path, Encoding encoding, int chars = 8192)
    {
        using var reader = Open(path, encoding);
        var buffer = new char[chars];
        try
        {
            var n = reader.ReadBlock(buffer, 0, chars);
            return new string(buffer, 0, n);
        }
        catch (DecoderFallbackException)
        {
            throw NotUtf8(path, chars);
        }
    }

    private static PiloteInputException NotUtf8(string path, int chars)
    {
        // Not yet known which line is the header: the busiest of the first lines, read as Latin-1.
        using var raw = OpenStream(path);
        var bytes = new byte[chars];
        var latin1 = Encoding.Latin1.GetString(bytes, 0, raw.ReadAtLeast(bytes, chars, throwOnEndOfStream: false));
        var delimiter = Delimiter(latin1);
        var header = latin1.Split('\n').Take(12).Where(l => !l.StartsWith('#')).MaxBy(l => l.Count(c => c == delimiter));
        return WrongEncoding(path, delimiter, header?.TrimEnd('\r').Split(delimiter));
    }

    public static PiloteInputException WrongEncoding(string path) =>
        new($"{Path.GetFileName(path)} : ni du texte UTF-8 ni UTF-16 (enregistrez de nouveau l'export en CSV UTF-8)",
            $"{Path.GetFileName(path)}: not UTF-8 or UTF-16 text (save the export again as UTF-8 CSV)");

    /// <summary>
    /// The decoder reads ahead by blocks, so it cannot say where the bad byte is: a second pass over the bytes finds
    /// the first one that is not UTF-8 and names its line, column and value (shown as Latin-1, what it most likely is).
    /// </summary>
    public static PiloteInputException WrongEncoding(string path, char delimiter, string[]? header)
    {
        using var stream = new BufferedStream(OpenStream(path), 1 << 16);
        var line = new List<byte>(256);
        var number = 0;
        int b;
        do
        {
            b = stream.ReadByte();
            if (b != '\n' && b >= 0)
            {
                line.Add((byte)b);
                continue;
            }
            number++;
            var bytes = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(line);
            if (!System.Text.Unicode.Utf8.IsValid(bytes))
            {
                var bad = 0;
                while (Rune.DecodeFromUtf8(bytes[bad..], out _, out var used) == System.Buffers.OperationStatus.Done)
                    bad += used;
                var text = Encoding.Latin1.GetString(bytes).TrimEnd('\r');
                var field = bytes[..bad].Count((byte)delimiter);
                var value = Formats.Excerpt(text.Split(delimiter).ElementAtOrDefault(field)?.Trim('"') ?? "");
                return new PiloteInputException(
                    $"{Path.GetFileName(path)}, ligne {number}, colonne « {Column(header, field)} » : « {value} » n'est pas en UTF-8 "
                    + "(le fichier semble en Latin-1 ou Windows-1252 ; enregistrez de nouveau l'export en CSV UTF-8)",
                    $"{Path.GetFileName(path)}: row {number}, column '{Column(header, field)}': '{value}' is not UTF-8 "
                    + "(the file looks Latin-1 or Windows-1252; save the export again as UTF-8 CSV)");
            }
            line.Clear();
        }
        while (b >= 0);
        return WrongEncoding(path);
    }

    /// <summary>Where the quote that never closes opens: its row, column and the start of its value.</summary>
    public static PiloteInputException UnclosedQuote(string path, char delimiter, string[]? header, int fallbackRow, Encoding encoding)
    {
        using var reader = Open(path, encoding);
        int line = 1, field = 0, c;
        var quoted = false;
        (int Line, int Field, System.Text.StringBuilder Value)? open = null;
        while ((c = reader.Read()) >= 0)
        {
            if (quoted)
            {
                if (c == '"')
                    quoted = reader.Peek() == '"' && reader.Read() == '"';
                else if (open is { } o && o.Value.Length < 40 && c is not '\r' and not '\n')
                    o.Value.Append((char)c);
                if (c == '\n')
                    line++;
                continue;
            }
            if (c == '"')
            {
                quoted = true;
                open = (line, field, new System.Text.StringBuilder());
            }
            else if (c == delimiter)
                field++;
            else if (c == '\n')
                (line, field) = (line + 1, 0);
        }
        var name = Path.GetFileName(path);
        if (!quoted || open is not { } at)
            return new PiloteInputException($"{name}, ligne {fallbackRow} : pas du CSV valide (un guillemet jamais fermé ? le fichier est peut-être tronqué)",
                $"{name}: row {fallbackRow}: not valid CSV (an unclosed quote? the file may be truncated)");
        return new PiloteInputException(
            $"{name}, ligne {at.Line}, colonne « {Column(header, at.Field)} » : « \"{at.Value} » ouvre un guillemet qui ne se ferme jamais (le fichier est peut-être tronqué)",
            $"{name}: row {at.Line}, column '{Column(header, at.Field)}': '\"{at.Value}' opens a quote that never closes (the file may be truncated)");
    }

    private static string Column(string[]? header, int field) =>
        header is not null && field < header.Length ? Formats.Excerpt(header[field]) : $"#{field + 1}";

    /// <summary>SHA-256 of the bytes: the same file imported twice is recognised by it.</summary>
    public static string Hash(string path)
    {
        using var stream = OpenStream(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>
    /// Tab, semicolon or comma: whichever is most frequent on the busiest of the first lines (the header). Title and
    /// date-range lines above a Google Ads header ("March 27, 2026 - April 23, 2026") have a comma but fewer of them.
    /// </summary>
    public static char Delimiter(string head)
    {
        var best = (Count: 0, Char: ',');
        foreach (var line in head.Split('\n').Where(l => !l.StartsWith('#')).Take(12))
        {
            foreach (var c in new[] { '\t', ';', ',' })
            {
                var n = line.Count(x => x == c);
                if (n > best.Count)
                    best = (n, c);
            }
        }
        return best.Char;
    }
}
