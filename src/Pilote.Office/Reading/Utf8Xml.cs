using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Xml;

namespace Pilote.Office.Reading;

internal enum XmlToken
{
    Start,
    End,
    Text,
    Eof,
}

/// <summary>
/// A forward-only XML tokenizer over a part's UTF-8 bytes, for worksheets and shared strings: start tags (name and
/// attributes read in place, nothing allocated), end tags checked against their start, text with entity and character
/// references decoded and line ends normalised as XML does, CDATA as text; comments, processing instructions and the
/// declaration are passed over, and a DTD is refused, as the reader settings it replaces refused it. .NET's XmlReader
/// decoded every byte to a character and every attribute to a string first: two thirds of a 100 000-row sheet's reading
/// time, and most of what the reading allocated. A part in another encoding is transcoded to UTF-8 on the way in.
/// </summary>
/// <remarks>
/// The methods run for every tag are compiled optimized at their first call ([AggressiveOptimization]), as are those of
/// <see cref="SheetXml"/> and the bulk insert's per-row code: at tier 0 the reading thread fell behind the inserting one
/// over the first 20 000 rows of an import, which waited 167 to 219 ms for it there, 40 to 81 ms with them optimized.
/// </remarks>
internal sealed class Utf8Xml : IDisposable
{
    // No single tag or text run may be longer: a cell holds at most 32 767 characters.
    private const int MaxToken = 16 * 1024 * 1024;
    private static readonly UTF8Encoding Strict = new(false, true);
    private static readonly SearchValues<byte> TagEnd = SearchValues.Create(">\"'"u8);
    private static readonly SearchValues<byte> NameEnd = SearchValues.Create(" \t\r\n/>"u8);
    private static readonly SearchValues<byte> TextSpecial = SearchValues.Create("&\r"u8);

    private readonly Stream _stream;
    private byte[] _buf;
    private int _pos, _end;
    private bool _streamDone, _started;
    private long _lines;

    // The current token, as offsets into the buffer (valid until the next Read).
    private int _name, _nameLength, _local, _attributes, _attributesEnd, _text, _textEnd;
    private bool _cdata;

    // The names of the open elements, end to end, for matching end tags.
    private byte[] _open = new byte[512];
    private int[] _openEnds = new int[32];
    private int _count;
    private char[] _chars = new char[256];
    private int _charCount;

    private Utf8Xml(Stream stream, byte[] start, int count)
    {
        (_stream, _buf, _end) = (stream, start, count);
        if (_buf.Length < 1 << 16)
            Array.Resize(ref _buf, 1 << 16);
    }

    /// <summary>Opens a part: UTF-8 read as it is, UTF-16 (by its byte order mark) or another declared encoding transcoded.</summary>
    public static Utf8Xml Open(Func<Stream> open)
    {
        var (stream, head, count) = Utf8(open);
        return new Utf8Xml(stream, head, count);
    }

    /// <summary>
    /// A part's bytes as UTF-8: the stream, and a 64 KB buffer holding the first <c>Count</c> bytes already read from it
    /// (none when it was transcoded from UTF-16 or another declared encoding, which reopens the part).
    /// </summary>
    public static (Stream Stream, byte[] Head, int Count) Utf8(Func<Stream> open)
    {
        var stream = open();
        var head = new byte[1 << 16];
        var count = 0;
        int read;
        while (count < 1024 && (read = stream.Read(head, count, head.Length - count)) > 0)
            count += read;
        var encoding = Declared(head.AsSpan(0, count));
        if (encoding is null)
            return (stream, head, count);
        stream.Dispose();
        return (Encoding.CreateTranscodingStream(open(), encoding, Encoding.UTF8), head, 0);
    }

    /// <summary>
    /// UTF-8 bytes from within a part (no declaration: they start at a tag), whose errors count lines from the part's
    /// start: <paramref name="linesBefore"/> is how many the bytes before them held.
    /// </summary>
    public static Utf8Xml Fragment(Stream utf8, long linesBefore) => new(utf8, [], 0) { _lines = linesBefore };

    // The part's encoding when it is not UTF-8: a UTF-16 byte order mark, or the declaration's encoding name.
    private static Encoding? Declared(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            return Encoding.BigEndianUnicode;
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
            return Encoding.Unicode;
        if (head.StartsWith("\uFEFF"u8) || !head.StartsWith("<?xml"u8))
            return null;
        var end = head.IndexOf("?>"u8);
        var declaration = Encoding.ASCII.GetString(end < 0 ? head : head[..end]);
        var at = declaration.IndexOf("encoding", StringComparison.Ordinal);
        if (at < 0)
            return null;
        var rest = declaration[(at + 8)..].TrimStart().TrimStart('=').TrimStart();
        if (rest.Length == 0 || rest[0] is not ('"' or '\''))
            return null;
        var close = rest.IndexOf(rest[0], 1);
        var name = close < 0 ? rest[1..] : rest[1..close];
        if (name.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || name.Equals("utf8", StringComparison.OrdinalIgnoreCase))
            return null;
        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            throw new XmlException($"the part's encoding '{name}' is not supported");
        }
    }

    /// <summary>How many elements are open around the current token, as XmlReader counts: a start tag and its end tag at the
    /// same depth, the root's at 0.</summary>
    public int Depth { get; private set; }

    /// <summary>The current start tag ends with "/&gt;".</summary>
    public bool IsEmpty { get; private set; }

    /// <summary>The current tag's name without its prefix.</summary>
    public ReadOnlySpan<byte> LocalName => _buf.AsSpan(_local, _name + _nameLength - _local);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public XmlToken Read()
    {
        if (!_started)
        {
            // A byte order mark, written by some tools and by the transcoding of a UTF-16 part.
            _started = true;
            if (Ensure(3) && _buf.AsSpan(_pos).StartsWith("\uFEFF"u8))
                _pos += 3;
        }
        while (true)
        {
            IsEmpty = false;
            Depth = _count;
            if (_pos >= _end && !Fill())
            {
                if (_count > 0)
                    throw Error($"the file ends inside <{Top()}>");
                return XmlToken.Eof;
            }
            if (_buf[_pos] != (byte)'<')
            {
                var lt = IndexOf((byte)'<', 0);
                var textEnd = lt < 0 ? _end : _pos + lt;
                (_text, _textEnd, _cdata) = (_pos, textEnd, false);
                _pos = textEnd;
                if (_count == 0)
                {
                    if (_buf.AsSpan(_text, textEnd - _text).IndexOfAnyExcept(" \t\r\n"u8) >= 0)
                        throw Error("text outside the root element");
                    continue;
                }
                return XmlToken.Text;
            }
            if (!Ensure(2))
                throw Error("a tag does not end");
            switch (_buf[_pos + 1])
            {
                case (byte)'/':
                    EndTag();
                    return XmlToken.End;
                case (byte)'?':
                    Skip("?>"u8, 2);
                    continue;
                case (byte)'!':
                    if (Starts("<!--"u8))
                    {
                        Skip("-->"u8, 4);
                        continue;
                    }
                    if (Starts("<![CDATA["u8))
                    {
                        var close = IndexOf("]]>"u8, 9);
                        if (close < 0)
                            throw Error("a CDATA section does not end");
                        (_text, _textEnd, _cdata) = (_pos + 9, _pos + close, true);
                        _pos += close + 3;
                        return XmlToken.Text;
                    }
                    throw Error("a DTD is not allowed in a workbook part");
                default:
                    StartTag();
                    return XmlToken.Start;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void StartTag()
    {
        var at = 1;
        int close;
        while (true)
        {
            close = IndexOfAny(TagEnd, at);
            if (close < 0)
                throw Error("a tag does not end");
            var c = _buf[_pos + close];
            if (c == (byte)'>')
                break;
            var quote = IndexOf(c, close + 1);
            if (quote < 0)
                throw Error("an attribute's value does not end");
            at = quote + 1;
        }
        var tag = _buf.AsSpan(_pos + 1, close - 1);
        var nameLength = tag.IndexOfAny(NameEnd);
        if (nameLength < 0)
            nameLength = tag.Length;
        if (nameLength == 0)
            throw Error("a tag has no name");
        IsEmpty = tag[^1] == (byte)'/';
        _name = _pos + 1;
        _nameLength = nameLength;
        _local = _name + tag[..nameLength].LastIndexOf((byte)':') + 1;
        _attributes = _name + nameLength;
        _attributesEnd = _pos + close - (IsEmpty ? 1 : 0);
        _pos += close + 1;
        // An empty element is over as soon as it is read: XmlReader gives no end tag for it either.
        if (!IsEmpty)
            Push(_buf.AsSpan(_name, _nameLength));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void EndTag()
    {
        var close = IndexOf((byte)'>', 2);
        if (close < 0)
            throw Error("an end tag does not end");
        var tag = _buf.AsSpan(_pos + 2, close - 2);
        var nameLength = tag.IndexOfAny(NameEnd);
        if (nameLength < 0)
            nameLength = tag.Length;
        if (tag[nameLength..].IndexOfAnyExcept(" \t\r\n"u8) >= 0)
            throw Error("an end tag carries more than its name");
        if (_count == 0)
            throw Error($"the end tag </{Encoding.UTF8.GetString(tag[..nameLength])}> closes no element");
        if (!tag[..nameLength].SequenceEqual(Open(_count - 1)))
            throw Error($"the end tag </{Encoding.UTF8.GetString(tag[..nameLength])}> does not match <{Top()}>");
        _name = _pos + 2;
        _nameLength = nameLength;
        _local = _name + tag[..nameLength].LastIndexOf((byte)':') + 1;
        _pos += close + 1;
        Depth = --_count;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Push(ReadOnlySpan<byte> name)
    {
        var start = _count == 0 ? 0 : _openEnds[_count - 1];
        if (start + name.Length > _open.Length)
            Array.Resize(ref _open, Math.Max(_open.Length * 2, start + name.Length));
        if (_count == _openEnds.Length)
            Array.Resize(ref _openEnds, _count * 2);
        name.CopyTo(_open.AsSpan(start));
        _openEnds[_count++] = start + name.Length;
    }

    // The qualified name of the open element at a level (0: the root).
    private ReadOnlySpan<byte> Open(int level)
    {
        var start = level == 0 ? 0 : _openEnds[level - 1];
        return _open.AsSpan(start, _openEnds[level] - start);
    }

    private string Top() => _count == 0 ? "" : Encoding.UTF8.GetString(Open(_count - 1));

    /// <summary>
    /// The raw value of an unprefixed attribute of the current start tag, false when it has none; with
    /// <paramref name="prefixed"/>, of the attribute of that local name under any prefix (<c>r:id</c> for "id": the
    /// prefix's declaration is the writer's choice).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryAttribute(ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value, bool prefixed = false)
    {
        var rest = _buf.AsSpan(_attributes, _attributesEnd - _attributes);
        while (true)
        {
            var start = rest.IndexOfAnyExcept(" \t\r\n"u8);
            if (start < 0)
                break;
            rest = rest[start..];
            var equals = rest.IndexOf((byte)'=');
            if (equals <= 0)
                throw Error("an attribute has no value");
            var attribute = rest[..equals].TrimEnd(" \t\r\n"u8);
            rest = rest[(equals + 1)..].TrimStart(" \t\r\n"u8);
            if (rest.IsEmpty || rest[0] is not ((byte)'"' or (byte)'\''))
                throw Error("an attribute's value is not quoted");
            var close = rest[1..].IndexOf(rest[0]);
            if (close < 0)
                throw Error("an attribute's value does not end");
            if (prefixed
                ? attribute.Length > name.Length + 1 && attribute.EndsWith(name) && attribute[^(name.Length + 1)] == (byte)':'
                : attribute.SequenceEqual(name))
            {
                value = rest.Slice(1, close);
                return true;
            }
            rest = rest[(close + 2)..];
        }
        value = default;
        return false;
    }

    /// <summary>An attribute's raw value as text, its references decoded.</summary>
    public string Decode(ReadOnlySpan<byte> raw)
    {
        _charCount = 0;
        Append(raw, entities: true);
        return new string(_chars, 0, _charCount);
    }

    /// <summary>Passes over the rest of the current start tag's element.</summary>
    public void Skip()
    {
        if (IsEmpty)
            return;
        var depth = Depth;
        while (Read() is var token && !(token == XmlToken.End && Depth == depth))
        {
        }
    }

    /// <summary>
    /// The text of the current start tag's element, up to its end tag (child elements passed over), decoded into a
    /// buffer that the next call reuses.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<char> Content()
    {
        _charCount = 0;
        if (IsEmpty)
            return default;
        var depth = Depth;
        while (true)
        {
            var token = Read();
            if (token == XmlToken.End && Depth == depth)
                break;
            if (token == XmlToken.Text)
                AppendText();
            else if (token == XmlToken.Start)
                Skip();
        }
        return _chars.AsSpan(0, _charCount);
    }

    /// <summary>Appends the current text token to the content buffer (for a caller that gathers several elements' text).</summary>
    public void AppendText() => Append(_buf.AsSpan(_text, _textEnd - _text), entities: !_cdata);

    /// <summary>Empties the content buffer; <see cref="Gathered"/> gives what was appended since.</summary>
    public void Clear() => _charCount = 0;

    public ReadOnlySpan<char> Gathered => _chars.AsSpan(0, _charCount);

    // Decodes UTF-8 text into the buffer: entity and character references (outside CDATA), and "\r\n" or a lone "\r"
    // read as "\n", as an XML processor normalises line ends before parsing.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Append(ReadOnlySpan<byte> raw, bool entities)
    {
        if (_chars.Length - _charCount < raw.Length)
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _charCount + raw.Length));
        while (!raw.IsEmpty)
        {
            var special = entities ? raw.IndexOfAny(TextSpecial) : raw.IndexOf((byte)'\r');
            var plain = special < 0 ? raw : raw[..special];
            try
            {
                _charCount += Strict.GetChars(plain, _chars.AsSpan(_charCount));
            }
            catch (DecoderFallbackException)
            {
                throw Error("a text is not valid UTF-8");
            }
            if (special < 0)
                return;
            raw = raw[special..];
            if (raw[0] == (byte)'\r')
            {
                _chars[_charCount++] = '\n';
                raw = raw.Length > 1 && raw[1] == (byte)'\n' ? raw[2..] : raw[1..];
                continue;
            }
            var semicolon = raw.IndexOf((byte)';');
            if (semicolon < 0 || semicolon > 12)
                throw Error("a reference (&…;) does not end");
            Reference(raw[1..semicolon]);
            raw = raw[(semicolon + 1)..];
        }
    }

    private void Reference(ReadOnlySpan<byte> name)
    {
        char? named = name switch
        {
            _ when name.SequenceEqual("lt"u8) => '<',
            _ when name.SequenceEqual("gt"u8) => '>',
            _ when name.SequenceEqual("amp"u8) => '&',
            _ when name.SequenceEqual("quot"u8) => '"',
            _ when name.SequenceEqual("apos"u8) => '\'',
            _ => null,
        };
        if (named is { } c)
        {
            _chars[_charCount++] = c;
            return;
        }
        if (name.Length < 2 || name[0] != (byte)'#')
            throw Error($"reference to an undeclared entity '{Encoding.UTF8.GetString(name)}'");
        var hex = name[1] == (byte)'x';
        var digits = name[(hex ? 2 : 1)..];
        var code = 0;
        foreach (var d in digits)
        {
            var v = d is >= (byte)'0' and <= (byte)'9' ? d - '0'
                : hex && d is >= (byte)'a' and <= (byte)'f' ? d - 'a' + 10
                : hex && d is >= (byte)'A' and <= (byte)'F' ? d - 'A' + 10 : -1;
            if (v < 0 || code > 0x10FFFF)
                throw Error($"an invalid character reference '&{Encoding.UTF8.GetString(name)};'");
            code = (code * (hex ? 16 : 10)) + v;
        }
        if (digits.IsEmpty || code == 0 || code > 0x10FFFF || code is >= 0xD800 and <= 0xDFFF)
            throw Error($"an invalid character reference '&{Encoding.UTF8.GetString(name)};'");
        // A reference is at most 12 bytes, its character at most 2 chars: the buffer sized for the raw bytes holds it.
        _charCount += new Rune(code).EncodeToUtf16(_chars.AsSpan(_charCount));
    }

    private bool Starts(ReadOnlySpan<byte> prefix) => Ensure(prefix.Length) && _buf.AsSpan(_pos).StartsWith(prefix);

    private void Skip(ReadOnlySpan<byte> end, int from)
    {
        var at = IndexOf(end, from);
        if (at < 0)
            throw Error($"a '{Encoding.UTF8.GetString(end)}' is missing");
        _pos += at + end.Length;
    }

    // At least `count` bytes from the current position, reading more if needed; false at the end of the part.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Ensure(int count)
    {
        while (_end - _pos < count)
            if (!Fill())
                return false;
        return true;
    }

    // The offset from the current position of a byte at or after `from`, reading more as needed; -1 at the end.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int IndexOf(byte value, int from)
    {
        while (true)
        {
            var i = _buf.AsSpan(_pos + from, _end - _pos - from).IndexOf(value);
            if (i >= 0)
                return from + i;
            from = _end - _pos;
            if (!Fill())
                return -1;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int IndexOfAny(SearchValues<byte> values, int from)
    {
        while (true)
        {
            var i = _buf.AsSpan(_pos + from, _end - _pos - from).IndexOfAny(values);
            if (i >= 0)
                return from + i;
            from = _end - _pos;
            if (!Fill())
                return -1;
        }
    }

    private int IndexOf(ReadOnlySpan<byte> value, int from)
    {
        while (true)
        {
            var i = _buf.AsSpan(_pos + from, _end - _pos - from).IndexOf(value);
            if (i >= 0)
                return from + i;
            from = Math.Max(from, _end - _pos - value.Length + 1);
            if (!Fill())
                return -1;
        }
    }

    // Moves the current token to the buffer's start (counting the lines passed) and reads more after it; grows the buffer
    // when the token fills it. False when the part has nothing more.
    private bool Fill()
    {
        if (_streamDone)
            return false;
        if (_pos > 0)
        {
            _lines += _buf.AsSpan(0, _pos).Count((byte)'\n');
            _buf.AsSpan(_pos, _end - _pos).CopyTo(_buf);
            (_end, _pos) = (_end - _pos, 0);
        }
        if (_end == _buf.Length)
        {
            if (_buf.Length >= MaxToken)
                throw Error($"a tag or a text is longer than {MaxToken / (1024 * 1024)} MB");
            Array.Resize(ref _buf, _buf.Length * 2);
        }
        var read = _stream.Read(_buf, _end, _buf.Length - _end);
        if (read == 0)
        {
            _streamDone = true;
            return false;
        }
        _end += read;
        return true;
    }

    private XmlException Error(string what)
    {
        var line = _lines + _buf.AsSpan(0, Math.Min(_pos, _end)).Count((byte)'\n') + 1;
        return new XmlException($"{what}, line {line}");
    }

    public void Dispose() => _stream.Dispose();
}
