using System.Security.Cryptography;
using System.Text;
using Pilote.Common;

namespace Pilote.Measurements.Readers;

/// <summary>
/// Opens an export as text. Tools write UTF-8 (with or without a byte-order mark) or UTF-16 (Google Ads' "CSV for
/// Excel"); anything else is refused rather than read as mojibake, because a misread campaign name never matches.
/// </summary>
public static class ExportText
{
    public static TextReader Open(string path)
    {
        var stream = OpenStream(path);
        return new StreamReader(stream, Detect(path), detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
    }

    public static Stream OpenStream(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PiloteInputException($"{Path.GetFileName(path)}: cannot be read ({e.Message.TrimEnd('.')})");
        }
    }

    /// <summary>The encoding from the byte-order mark, else UTF-16 when every other byte is zero, else strict UTF-8.</summary>
    public static Encoding Detect(string path)
    {
        Span<byte> head = stackalloc byte[64];
        int read;
        using (var s = OpenStream(path))
            read = s.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..read];
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
            return new UnicodeEncoding(bigEndian: false, byteOrderMark: true, throwOnInvalidBytes: true);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            return new UnicodeEncoding(bigEndian: true, byteOrderMark: true, throwOnInvalidBytes: true);
        if (read >= 8 && head[1] == 0 && head[3] == 0 && head[5] == 0 && head[0] != 0)
            return new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true);
        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    }

    /// <summary>The file's first characters (BOM removed), to recognise its source.</summary>
    public static string Head(string path, int chars = 8192)
    {
        using var reader = Open(path);
        var buffer = new char[chars];
        try
        {
            var n = reader.ReadBlock(buffer, 0, chars);
            return new string(buffer, 0, n).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw WrongEncoding(path);
        }
    }

    public static PiloteInputException WrongEncoding(string path, int? row = null) =>
        new($"{Path.GetFileName(path)}: {(row is { } r ? $"row {r}: " : "")}not UTF-8 or UTF-16 text (save the export again as UTF-8 CSV)");

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
