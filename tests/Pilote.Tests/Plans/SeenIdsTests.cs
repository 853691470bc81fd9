using Pilote.Plans;

namespace Pilote.Tests.Plans;

public sealed class SeenIdsTests
{
    [Fact]
    public void Ids_named_in_any_order_are_found_and_the_others_are_not()
    {
        var seen = new SeenIds();
        // In order (an export as written), then out of order (rows moved in the workbook), a repeat, and more after asking.
        foreach (var id in new[] { 3, 5, 8, 1000, 7, 2, 5 })
            seen.Add(id);
        Assert.True(seen.Contains(7));
        Assert.True(seen.Contains(2));
        Assert.False(seen.Contains(4));
        seen.Add(1);
        seen.Add(int.MaxValue);
        Assert.True(seen.Contains(1));
        Assert.True(seen.Contains(int.MaxValue));
        Assert.True(seen.Contains(1000));
        Assert.False(seen.Contains(6));
        Assert.False(seen.Contains(0));
        Assert.Equal(9, seen.Count);
    }

    [Fact]
    public void A_hundred_thousand_ids_are_held_past_the_first_arrays_size()
    {
        var seen = new SeenIds();
        for (var id = 200_000; id > 0; id -= 2)
            seen.Add(id);
        Assert.Equal(100_000, seen.Count);
        Assert.True(seen.Contains(2));
        Assert.True(seen.Contains(200_000));
        Assert.False(seen.Contains(199_999));
        Assert.False(seen.Contains(200_002));
    }
}
