using BenchmarkDotNet.Attributes;
using Pilote.Actions;
using Pilote.Measurements;
using Pilote.Measurements.Readers;

namespace Pilote.Benchmarks;

/// <summary>The per-field work of an import: numbers, dates, codes and matching.</summary>
[MemoryDiagnoser]
public class MicroBenchmarks
{
    private readonly ActionMatcher _matcher = new(Enumerable.Range(0, Ga4File.Campaigns).Select(k => new PlanAction
    {
        Id = k + 1, Title = $"Action {k}",
        TrackingCodes = [new TrackingCode { Kind = TrackingKind.UtmCampaign, Value = Ga4File.CampaignName(k), Normalized = TrackingCodes.Normalize(Ga4File.CampaignName(k)) }],
    }));

    [Benchmark]
    public decimal? NumberEnglish() => ExportValues.TryNumber("12,345.67", false, out var v) ? v : null;

    [Benchmark]
    public decimal? NumberFrench() => ExportValues.TryNumber("1 234,56", true, out var v) ? v : null;

    [Benchmark]
    public DateOnly DateGa4() => ExportValues.TryDate("20260327", out var d) ? d : default;

    [Benchmark]
    public DateOnly DateUs() => ExportValues.TryDate("Mar 27, 2026", out var d) ? d : default;

    [Benchmark]
    public string NormalizeCode() => TrackingCodes.Normalize("Promo, Hiver Été 2026");

    [Benchmark]
    public int? MatchCampaign() => _matcher.Match("bench-campagne-42", null);
}
