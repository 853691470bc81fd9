using Pilote.Kpis;

namespace Pilote.Tests.Kpis;

public class MetricAggregatorTests
{
    private static readonly DateOnly Jan1 = new(2026, 1, 1);
    private static readonly DateOnly Jan31 = new(2026, 1, 31);

    private static DateOnly Day(int day) => new(2026, 1, day);

    private static MetricPoint Daily(string metric, int day, decimal value) => new(metric, Day(day), Day(day), value);

    private static IReadOnlyDictionary<string, MetricValue> Aggregate(
        IEnumerable<MetricPoint> points, params MetricSpec[] specs) =>
        MetricAggregator.Aggregate(points, specs.ToDictionary(s => s.Key), Jan1, Jan31);

    [Fact]
    public void Sum_adds_the_values()
    {
        var result = Aggregate([Daily("clicks", 1, 10), Daily("clicks", 2, 90), Daily("clicks", 3, 0.5m)],
            new MetricSpec("clicks", Aggregation.Sum));

        Assert.Equal(new MetricValue(100.5m), result["clicks"]);
    }

    [Fact]
    public void A_metric_without_spec_is_summed()
    {
        var result = Aggregate([Daily("leads", 1, 3), Daily("leads", 2, 4)]);

        Assert.Equal(7m, result["leads"].Value);
    }

    [Fact]
    public void Only_points_wholly_inside_the_window_count()
    {
        var points = new[]
        {
            Daily("clicks", 5, 10),
            new MetricPoint("clicks", new DateOnly(2025, 12, 31), Day(1), 1000), // starts before the window
            new MetricPoint("clicks", Day(30), new DateOnly(2026, 2, 1), 2000), // ends after it
            new MetricPoint("clicks", Jan1, Jan31, 7), // exactly the window: inside
        };

        Assert.Equal(17m, Aggregate(points)["clicks"].Value);
    }

    [Fact]
    public void Metrics_with_no_point_in_the_window_are_absent()
    {
        var result = MetricAggregator.Aggregate(
            [Daily("clicks", 5, 10), new MetricPoint("spend", new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 1), 3)],
            new Dictionary<string, MetricSpec>(), Jan1, Jan31);

        Assert.Equal(["clicks"], result.Keys);
    }

    [Fact]
    public void Weighted_mean_uses_the_weight_of_the_same_period()
    {
        // (2*100 + 5*300) / (100 + 300) = 1700 / 400 = 4.25; the plain mean would be 3.5.
        var points = new[]
        {
            Daily("avg_position", 1, 2), Daily("impressions", 1, 100),
            Daily("avg_position", 2, 5), Daily("impressions", 2, 300),
        };

        var result = Aggregate(points, new MetricSpec("avg_position", Aggregation.Weighted, "impressions"));

        Assert.Equal(4.25m, result["avg_position"].Value);
        Assert.Equal(400m, result["impressions"].Value);
    }

    [Fact]
    public void Weighted_mean_leaves_out_points_without_a_weight()
    {
        // Day 3 has no impressions row: only days 1 and 2 count, (2*100 + 5*300) / 400.
        var points = new[]
        {
            Daily("avg_position", 1, 2), Daily("impressions", 1, 100),
            Daily("avg_position", 2, 5), Daily("impressions", 2, 300),
            Daily("avg_position", 3, 50),
        };

        var result = Aggregate(points, new MetricSpec("avg_position", Aggregation.Weighted, "impressions"));

        Assert.Equal(4.25m, result["avg_position"].Value);
    }

    [Fact]
    public void Weighted_mean_without_any_weight_is_the_plain_mean()
    {
        var points = new[] { Daily("avg_position", 1, 2), Daily("avg_position", 2, 5) };

        var result = Aggregate(points, new MetricSpec("avg_position", Aggregation.Weighted, "impressions"));

        Assert.Equal(3.5m, result["avg_position"].Value);
    }

    [Fact]
    public void Weighted_mean_with_zero_total_weight_is_the_plain_mean()
    {
        var points = new[]
        {
            Daily("avg_position", 1, 2), Daily("impressions", 1, 0),
            Daily("avg_position", 2, 6), Daily("impressions", 2, 0),
        };

        var result = Aggregate(points, new MetricSpec("avg_position", Aggregation.Weighted, "impressions"));

        Assert.Equal(4m, result["avg_position"].Value);
    }

    [Fact]
    public void Last_takes_the_latest_end_then_the_latest_start_then_the_last_given()
    {
        var latestEnd = new[]
        {
            Daily("followers", 20, 900), Daily("followers", 25, 1000), Daily("followers", 10, 800),
        };
        var tieOnEnd = new[]
        {
            new MetricPoint("followers", Day(20), Day(25), 1), new MetricPoint("followers", Day(24), Day(25), 2),
            new MetricPoint("followers", Day(1), Day(25), 3),
        };
        var fullTie = new[] { Daily("followers", 25, 1), Daily("followers", 25, 2) };
        var spec = new MetricSpec("followers", Aggregation.Last);

        Assert.Equal(1000m, Aggregate(latestEnd, spec)["followers"].Value);
        Assert.Equal(2m, Aggregate(tieOnEnd, spec)["followers"].Value);
        Assert.Equal(2m, Aggregate(fullTie, spec)["followers"].Value);
    }

    [Fact]
    public void Distinct_is_exact_when_one_point_covers_all_others()
    {
        var points = new[]
        {
            Daily("reach", 1, 500), Daily("reach", 2, 700), Daily("reach", 3, 600),
            new MetricPoint("reach", Day(1), Day(3), 1200),
        };

        var result = Aggregate(points, new MetricSpec("reach", Aggregation.Distinct));

        Assert.Equal(new MetricValue(1200m, IsLowerBound: false), result["reach"]);
    }

    [Fact]
    public void Distinct_from_dailies_only_is_a_lower_bound_never_a_sum()
    {
        var points = new[] { Daily("reach", 1, 500), Daily("reach", 2, 700), Daily("reach", 3, 600) };

        var result = Aggregate(points, new MetricSpec("reach", Aggregation.Distinct));

        Assert.Equal(new MetricValue(700m, IsLowerBound: true), result["reach"]);
    }

    [Fact]
    public void Distinct_single_point_is_exact()
    {
        var result = Aggregate([Daily("users", 4, 42)], new MetricSpec("users", Aggregation.Distinct));

        Assert.Equal(new MetricValue(42m), result["users"]);
    }

    [Fact]
    public void Distinct_covering_point_outside_the_window_does_not_count()
    {
        // The monthly total spills over the window, so only the dailies remain: a lower bound.
        var points = new[]
        {
            Daily("reach", 1, 500), Daily("reach", 2, 700),
            new MetricPoint("reach", Day(1), new DateOnly(2026, 2, 28), 5000),
        };

        var result = Aggregate(points, new MetricSpec("reach", Aggregation.Distinct));

        Assert.Equal(new MetricValue(700m, IsLowerBound: true), result["reach"]);
    }

    [Fact]
    public void Keys_are_case_insensitive_and_returned_in_lower_case()
    {
        var result = Aggregate([Daily("Clicks", 1, 1), Daily("CLICKS", 2, 2)]);

        Assert.Equal(["clicks"], result.Keys);
        Assert.Equal(3m, result["clicks"].Value);
    }
}
