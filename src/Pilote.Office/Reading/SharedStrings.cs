using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Pilote.Office.Reading;

/// <summary>
/// A workbook's shared-string table. Excel and LibreOffice store every text cell as an index into it, and a plan's
/// titles, objectives and comments are mostly distinct: a 400 000-row sheet saved by LibreOffice holds about a million
/// of them, which as strings were 100 MB, the one part of reading that grew with the row count. Up to
/// <see cref="DefaultHeldBytes"/> the table stays in memory as strings; past it, every text goes to a temporary file
/// (deleted when the reader closes) as UTF-8 and only where each one ends stays in memory, four bytes per text.
/// </summary>
internal sealed class SharedStrings : IDisposable
{
    /// <summary>About 8 MB of strings (their characters and object headers) are held before the table moves to disk.</summary>
    public const long DefaultHeldBytes = 8L * 1024 * 1024;

    private const int StringOverhead = 32; // a string's header, length and terminator, and the list's reference to it
    private const int BufferSize = 1 << 16;

    private readonly long _heldBudget;
    private List<string>? _held = [];
    private long _heldBytes;
    private SafeFileHandle? _file;
    private int[] _ends = [];
    private int _count;
    private byte[]? _pending;
    private int _pendingLength;
    private long _written;

    private SharedStrings(long heldBudget) => _heldBudget = heldBudget;

    /// <summary>Whether the texts went to disk (the table was over its memory budget).</summary>
    public bool OnDisk => _file is not null;

    /// <summary>The table of a workbook that has none (every text written inline).</summary>
    public static SharedStrings None() => new(0);

    /// <summary>Reads the table's items (<c>&lt;si&gt;</c>) from its part.</summary>
    public static SharedStrings Read(Utf8Xml reader, long heldBudget)
    {
        var table = new SharedStrings(heldBudget);
        try
        {
            while (reader.Read() is var token && token != XmlToken.Eof)
                if (token == XmlToken.Start && reader.LocalName.SequenceEqual("si"u8))
                    table.Add(SheetXml.ItemText(reader));
            table.Flush();
        }
        catch
        {
            table.Dispose();
            throw;
        }
        if (table._pending is { } buffer)
            ArrayPool<byte>.Shared.Return(buffer);
        table._pending = null;
        return table;
    }

    private void Add(string text)
    {
        if (_held is not null)
        {
            if (_heldBytes + text.Length * 2L + StringOverhead <= _heldBudget)
            {
                _held.Add(text);
                _heldBytes += text.Length * 2L + StringOverhead;
                _count++;
                return;
            }
            MoveToDisk();
        }
        Append(text);
    }

    private void MoveToDisk()
    {
        var path = Path.Combine(Path.GetTempPath(), $"pilote-strings-{Guid.NewGuid():N}.tmp");
        _file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.DeleteOnClose);
        // Off Windows the name goes at once (the open handle keeps the file): a reader left undisposed, or a process
        // that ends first, leaves nothing in the temporary folder, where delete-on-close would wait for the handle.
        if (!OperatingSystem.IsWindows())
            File.Delete(path);
        _pending = ArrayPool<byte>.Shared.Rent(BufferSize);
        var held = _held!;
        _held = null;
        _count = 0;
        _ends = new int[Math.Max(1024, held.Count * 2)];
        foreach (var text in held)
            Append(text);
    }

    private void Append(string text)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (_pendingLength + max > _pending!.Length)
            Flush();
        int bytes;
        if (max <= _pending.Length)
        {
            bytes = Encoding.UTF8.GetBytes(text, _pending.AsSpan(_pendingLength));
            _pendingLength += bytes;
        }
        else
        {
            var encoded = Encoding.UTF8.GetBytes(text);
            RandomAccess.Write(_file!, encoded, _written);
            bytes = encoded.Length;
            _written += bytes;
        }
        if (_count == _ends.Length)
            Array.Resize(ref _ends, _ends.Length * 2);
        // Where the text ends in the file: the pending bytes are written before anything after them.
        _ends[_count++] = checked((int)(_written + _pendingLength));
    }

    private void Flush()
    {
        if (_file is null || _pendingLength == 0)
            return;
        RandomAccess.Write(_file, _pending.AsSpan(0, _pendingLength), _written);
        _written += _pendingLength;
        _pendingLength = 0;
    }

    /// <summary>A reader of the table for one sheet at a time: its window on the file and its cache are its own.</summary>
    public Texts Open() => new(this);

    public void Dispose() => _file?.Dispose();

    /// <summary>
    /// Looks texts up by index. On disk, a text is decoded from a 64 KB window read from the file: Excel numbers its
    /// strings in the order they first appear, so a sheet read in order asks for new texts in file order and the window
    /// moves forward; texts asked for again (channels, owners, statuses) come from a small cache by index.
    /// </summary>
    internal sealed class Texts
    {
        private const int CacheSize = 4096;

        private readonly SharedStrings _table;
        private readonly int[] _cachedIndex;
        private readonly string?[] _cachedText;
        private byte[] _window = [];
        private long _windowStart;
        private int _windowLength;

        public Texts(SharedStrings table)
        {
            _table = table;
            _cachedIndex = table.OnDisk ? new int[CacheSize] : [];
            _cachedText = table.OnDisk ? new string?[CacheSize] : [];
        }

        public int Count => _table._count;

        public string this[int index]
        {
            [MethodImpl(MethodImplOptions.AggressiveOptimization)]
            get
            {
                if (_table._held is { } held)
                    return held[index];
                var slot = index & (CacheSize - 1);
                if (_cachedText[slot] is { } hit && _cachedIndex[slot] == index)
                    return hit;
                var text = FromDisk(index);
                (_cachedIndex[slot], _cachedText[slot]) = (index, text);
                return text;
            }
        }

        private string FromDisk(int index)
        {
            long start = index == 0 ? 0 : _table._ends[index - 1];
            var length = (int)(_table._ends[index] - start);
            if (start < _windowStart || start + length > _windowStart + _windowLength)
            {
                if (_window.Length < Math.Max(BufferSize, length))
                    _window = new byte[Math.Max(BufferSize, length)];
                _windowStart = start;
                _windowLength = 0;
                int read;
                while (_windowLength < _window.Length
                    && (read = RandomAccess.Read(_table._file!, _window.AsSpan(_windowLength), start + _windowLength)) > 0)
                    _windowLength += read;
            }
            return Encoding.UTF8.GetString(_window, (int)(start - _windowStart), length);
        }
    }
}
