namespace Pilote.Plans;

/// <summary>
/// The ids a workbook's rows named, to find afterwards the stored rows it no longer lists. Four bytes an id in one
/// array, sorted once when first asked: a <see cref="HashSet{T}"/> of the 100 000 actions of an unchanged export took
/// 16 to 24 bytes an id (2,4 to 3,6 MB each for actions, KPIs and comments), and the import's heap grew with the plan.
/// </summary>
internal sealed class SeenIds
{
    private int[] _ids = new int[256];
    private int _count;
    private bool _sorted = true;

    public int Count => _count;

    public void Add(int id)
    {
        if (_count == _ids.Length)
            Array.Resize(ref _ids, _count * 2);
        // An export lists its rows by position, mostly in id order: the sort at the end is then cheap, or not needed.
        if (_count > 0 && id < _ids[_count - 1])
            _sorted = false;
        _ids[_count++] = id;
    }

    public bool Contains(int id)
    {
        if (!_sorted)
        {
            Array.Sort(_ids, 0, _count);
            _sorted = true;
        }
        return Array.BinarySearch(_ids, 0, _count, id) >= 0;
    }
}
