using System.Globalization;

namespace Pilote.Benchmarks;

/// <summary>
/// How much of the best allocation's gain over the static plan does following Pilote's weekly review recover?
/// Exit code 0 when the goal (70 % on average, never worse than static) is met, 1 otherwise.
/// </summary>
public static class DecisionQuality
{
    public static int Run(string[] args)
    {
        var c = CultureInfo.InvariantCulture;
        var seeds = args.Length > 0 ? int.Parse(args[0], c) : 10;
        // Without arguments, the product's defaults: the benchmark measures what a review recommends.
        var d = new Pilote.Reviews.ReallocationOptions();
        var options = d with
        {
            MaxChange = args.Length > 1 ? decimal.Parse(args[1], c) : d.MaxChange,
            Margin = args.Length > 2 ? double.Parse(args[2], c) : d.Margin,
            PriorWeeks = args.Length > 3 ? double.Parse(args[3], c) : d.PriorWeeks,
            Recency = args.Length > 4 ? double.Parse(args[4], c) : d.Recency,
        };
        Console.WriteLine("seed  actions  static_leads  pilote_leads  best_leads  recovered  stops  moves");
        var shares = new List<double>();
        var worse = 0;
        for (var seed = 1; seed <= seeds; seed++)
        {
            var q = new Quarter(seed);
            var stat = Strategies.Static(q);
            var best = Strategies.Oracle(q);
            var (pilote, stops, moves) = Strategies.FollowPilote(q, options);
            var share = (pilote - stat) / (best - stat);
            shares.Add(share);
            if (pilote < stat)
                worse++;
            Console.WriteLine(string.Format(c, "{0,4}  {1,7}  {2,12:F0}  {3,12:F0}  {4,10:F0}  {5,8:P1}  {6,5}  {7,5}",
                seed, q.Actions.Count, stat, pilote, best, share, stops, moves));
        }
        Console.WriteLine(string.Format(c, "recovered: mean {0:P1}, min {1:P1}, max {2:P1}; seeds worse than static: {3} of {4}",
            shares.Average(), shares.Min(), shares.Max(), worse, seeds));
        return worse == 0 && shares.Average() >= 0.7 ? 0 : 1;
    }
}
