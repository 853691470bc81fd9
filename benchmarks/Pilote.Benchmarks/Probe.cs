using System.Diagnostics;
using Pilote.Measurements;
using Pilote.Measurements.Readers;

namespace Pilote.Benchmarks;

/// <summary>Where the pipeline's time goes, layer by layer, on the generated file: rows only, rows read into no sink, into the sums.</summary>
public static class Probe
{
    private sealed class NoSink : IExportSink
    {
        public long Count;

        public void Row(int row, ReadOnlySpan<char> key, ReadOnlySpan<char> channel, DateOnly start, DateOnly end, ReadOnlySpan<MetricValue> values) =>
            Count += values.Length;
    }

    private sealed class InternSink : IExportSink
    {
        private readonly Dictionary<string, int> _keys = new(StringComparer.Ordinal);
        public long Count;

        public void Row(int row, ReadOnlySpan<char> key, ReadOnlySpan<char> channel, DateOnly start, DateOnly end, ReadOnlySpan<MetricValue> values)
        {
            var lookup = _keys.GetAlternateLookup<ReadOnlySpan<char>>();
            if (!lookup.TryGetValue(key, out var id))
                lookup[key] = id = _keys.Count;
            Count += id;
        }
    }

    private sealed class DecimalSink : IExportSink
    {
        private readonly decimal[] _sums = new decimal[8];
        private readonly decimal[] _grid = new decimal[1 << 20];
        private int _i;

        public void Row(int row, ReadOnlySpan<char> key, ReadOnlySpan<char> channel, DateOnly start, DateOnly end, ReadOnlySpan<MetricValue> values)
        {
            var m = 0;
            _i = (_i * 31 + 7) & ((1 << 18) - 1);
            foreach (var v in values)
            {
                _sums[m] += v.Value;
                _grid[(_i * 4) + m] += v.Value;
                m++;
            }
        }
    }

    private static double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    public static void Run(string path)
    {
        for (var pass = 0; pass < 3; pass++)
        {
            var c0 = Cpu();
            using (var rows = ExportFile.Open(path).Rows())
                while (rows.Next())
                    for (var i = 0; i < rows.Count; i++)
                        _ = rows.Span(i).Length;
            var c1 = Cpu();
            ExportSources.Reader("ga4", _ => null).Read(ExportFile.Open(path), new ExportInfo("x", "ga4"), new NoSink());
            var c2 = Cpu();
            ExportSources.Reader("ga4", _ => null).Read(ExportFile.Open(path), new ExportInfo("x", "ga4"), new InternSink());
            var c3 = Cpu();
            ExportSources.Reader("ga4", _ => null).Read(ExportFile.Open(path), new ExportInfo("x", "ga4"), new ImportAggregator());
            var c4 = Cpu();
            Console.WriteLine($"CPU: rows {c1 - c0:N2} s, no sink {c2 - c1:N2} s, intern {c3 - c2:N2} s, aggregator {c4 - c3:N2} s");
        }
        for (var pass = 0; pass < 2; pass++)
        {
            var w = Stopwatch.StartNew();
            ExportSources.Reader("ga4", _ => null).Read(ExportFile.Open(path), new ExportInfo("x", "ga4"), new InternSink());
            var intern = w.Elapsed.TotalSeconds;
            w.Restart();
            ExportSources.Reader("ga4", _ => null).Read(ExportFile.Open(path), new ExportInfo("x", "ga4"), new DecimalSink());
            Console.WriteLine($"intern sink {intern:N2} s, decimal sink {w.Elapsed.TotalSeconds:N2} s");
        }
        for (var pass = 0; pass < 3; pass++)
        {
            var w = Stopwatch.StartNew();
            using (var rows = ExportFile.Open(path).Rows())
            {
                long n = 0;
                while (rows.Next())
                    for (var i = 0; i < rows.Count; i++)
                        n += rows.Span(i).Length;
            }
            var rowsOnly = w.Elapsed.TotalSeconds;
            w.Restart();
            var sink = new NoSink();
            ExportSources.Reader("ga4", _ => null).Read(ExportFile.Open(path), new ExportInfo("x", "ga4"), sink);
            var readOnly = w.Elapsed.TotalSeconds;
            w.Restart();
            var sums = new ImportAggregator();
            ExportSources.Reader("ga4", _ => null).Read(ExportFile.Open(path), new ExportInfo("x", "ga4"), sums);
            var aggregate = w.Elapsed.TotalSeconds;
            w.Restart();
            var outcome = sums.Resolve((k, c) => k is null ? null : k.Length);
            Console.WriteLine($"rows only {rowsOnly:N2} s, read into no sink {readOnly:N2} s, read into sums {aggregate:N2} s, resolve {w.Elapsed.TotalSeconds:N2} s ({outcome.Matched.Length})");
        }
    }
}
