using Pilote.Common;

namespace Pilote.Tests.Data;

/// <summary>
/// The rows of a workbook are read on a thread of their own while the import works on the rows before: the import must
/// see every row, in order, the reader's error after the rows before it, and a stopped import must leave no reader
/// running on the file.
/// </summary>
public sealed class ReadAheadTests
{
    private sealed class Source(int count, int failAt = -1)
    {
        public int Produced;
        public bool Closed;
        public List<int> Notes { get; } = [];

        public IEnumerable<int> Items()
        {
            try
            {
                for (var i = 0; i < count; i++)
                {
                    if (i == failAt)
                        throw new PiloteInputException($"ligne {i} : valeur illisible", $"row {i}: unreadable value");
                    Produced++;
                    if (i % 1000 == 0)
                        Notes.Add(i);
                    yield return i;
                }
            }
            finally
            {
                Closed = true;
            }
        }
    }

    [Fact]
    public void Every_item_arrives_in_order_and_the_source_notes_are_complete_at_the_end()
    {
        var source = new Source(10_007);
        using var ahead = ReadAhead<int>.Start(source.Items(), chunk: 7, depth: 2);
        Assert.Equal(Enumerable.Range(0, 10_007), ahead.ToList());
        Assert.True(source.Closed);
        Assert.Equal(Enumerable.Range(0, 11).Select(i => i * 1000), source.Notes);
    }

    [Fact]
    public void The_source_error_arrives_after_the_items_before_it()
    {
        var source = new Source(5_000, failAt: 1_234);
        using var ahead = ReadAhead<int>.Start(source.Items(), chunk: 100, depth: 3);
        var seen = new List<int>();
        var error = Assert.Throws<PiloteInputException>(() =>
        {
            foreach (var item in ahead)
                seen.Add(item);
        });
        Assert.Equal("row 1234: unreadable value", error.Message);
        Assert.Equal(Enumerable.Range(0, 1_234), seen);
    }

    [Fact]
    public void Stopping_early_stops_the_source_and_closes_it_before_going_on()
    {
        var source = new Source(1_000_000);
        using (var ahead = ReadAhead<int>.Start(source.Items(), chunk: 10, depth: 2))
            Assert.Equal([0, 1, 2, 3, 4], ahead.Take(5));
        // Disposed: the reader has stopped and its file is closed; it read at most a few chunks past what was taken.
        Assert.True(source.Closed);
        var produced = source.Produced;
        Assert.InRange(produced, 5, 100);
        Thread.Sleep(50);
        Assert.Equal(produced, source.Produced);
    }

    [Fact]
    public void A_source_that_fails_while_opening_fails_the_consumer()
    {
        using var ahead = ReadAhead<int>.Start(() => throw new PiloteInputException("feuille absente", "sheet missing"));
        Assert.Equal("sheet missing", Assert.Throws<PiloteInputException>(() => ahead.ToList()).Message);
    }
}
