using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pilote.App.Plans;
using Pilote.Data;
using Pilote.Office.Plans;
using Pilote.Office.Reading;
using Pilote.Plans;
using Pilote.Reviews;

namespace Pilote.Benchmarks.Excel;

/// <summary>
/// One contender in its own process, so that its peak memory is its own: the parent starts
/// <c>excel-child export|import …</c> and reads the RESULT line. The plan is loaded before the clock starts: what is
/// timed is the writing (or the whole import, reading and database included).
/// </summary>
public static class ExcelChild
{
    public static async Task<int> RunAsync(string[] args)
    {
        var result = args[0] switch
        {
            "export" => await ExportAsync(args[1], args[2], args[3], int.Parse(args[4], CultureInfo.InvariantCulture), args[5]),
            "import" => await ImportAsync(args[1], args[2], args[3]),
            "alternate" => await AlternateAsync(args[1], args[2], int.Parse(args[3], CultureInfo.InvariantCulture), int.Parse(args[4], CultureInfo.InvariantCulture)),
            _ => throw new ArgumentException($"excel-child: unknown mode {args[0]}"),
        };
        Console.WriteLine("RESULT " + JsonSerializer.Serialize(result));
        return 0;
    }

    /// <summary>CpuSeconds: the process's CPU time (user and system) over the timed run; on a shared machine it moves
    /// less than the wall time does.</summary>
    public sealed record Result(double Seconds, double BeforeMb, double PeakMb, long Rows, string Note, double CpuSeconds = 0)
    {
        /// <summary>An import's first run in its process (JIT, EF Core's first queries): what a command line run takes.</summary>
        public double ColdSeconds { get; init; }

        public double ColdPeakMb { get; init; }
    }

    private static async Task<Result> ExportAsync(string who, string format, string dbPath, int planId, string output)
    {
        var target = DatabaseTarget.Sqlite(dbPath);
        PlanReport report;
        List<StoredMeasure> measures;
        List<DecisionEntry> decisions;
        await using (var db = target.Open())
        {
            report = await PlanReportBuilder.BuildAsync(db, planId, new DateOnly(2026, 6, 30));
            measures = format == "complet" ? await PlanExports.MeasuresAsync(db, report, default) : [];
            decisions = await PlanExports.DecisionsAsync(db, report, default);
        }
        // The first run pays for the JIT (a command line run pays it too): timed and shown, then a second, steady run
        // is the one compared. Both .NET contenders are treated alike.
        GC.Collect();
        var before = Process.GetCurrentProcess().WorkingSet64;
        var cold = Stopwatch.StartNew();
        using (var file = File.Create(output))
            Write(who, format, report, measures, decisions, file);
        cold.Stop();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        using (var file = File.Create(output))
            Write(who, format, report, measures, decisions, file);
        watch.Stop();
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        return new Result(watch.Elapsed.TotalSeconds, before / 1e6, Peak(), report.Actions.Count,
            $"{new FileInfo(output).Length / 1e6:N1} MB file; first (cold) run {cold.Elapsed.TotalSeconds:N2} s", cpu.TotalSeconds);
    }

    // Pilote and the floor alternately in one process, several times: a check on single runs of a noisy machine.
    private static async Task<Result> AlternateAsync(string format, string dbPath, int planId, int rounds)
    {
        await using var db = DatabaseTarget.Sqlite(dbPath).Open();
        var report = await PlanReportBuilder.BuildAsync(db, planId, new DateOnly(2026, 6, 30));
        var measures = format == "complet" ? await PlanExports.MeasuresAsync(db, report, default) : [];
        var decisions = await PlanExports.DecisionsAsync(db, report, default);
        var times = new Dictionary<string, List<double>> { ["pilote"] = [], ["floor"] = [] };
        for (var i = 0; i < rounds; i++)
            foreach (var who in times.Keys)
            {
                using var memory = new MemoryStream();
                var watch = Stopwatch.StartNew();
                Write(who, format, report, measures, decisions, memory);
                times[who].Add(watch.Elapsed.TotalSeconds);
            }
        var note = string.Join("; ", times.Select(t => $"{t.Key} {string.Join(" ", t.Value.Select(v => v.ToString("N2", CultureInfo.InvariantCulture)))}"));
        return new Result(times["pilote"].Min() / times["floor"].Min(), 0, Peak(), report.Actions.Count, note);
    }

    private static void Write(string who, string format, PlanReport report, List<StoredMeasure> measures, List<DecisionEntry> decisions, Stream output)
    {
        var now = new DateTimeOffset(2026, 6, 30, 12, 0, 0, TimeSpan.Zero);
        switch (who, format)
        {
            case ("pilote", "kpi-driven"):
                KpiDrivenWorkbook.Write(report, [.. report.Actions.Select(a => a.Action.Channel!.Name).Distinct()], output, true, now, decisions);
                break;
            case ("pilote", "complet"):
                CompletWorkbook.Write(report, measures, decisions, output, now);
                break;
            case ("pilote", "csv"):
                PlanCsv.Write(report, output);
                break;
            case ("floor", _):
                BareWriter.Write(BareWriter.Sheets(format, report, measures, decisions), output);
                break;
            case ("cells", _):
                BareWriter.Dump(BareWriter.Sheets(format, report, measures, decisions), output);
                break;
            default:
                throw new ArgumentException($"excel-child: no writer {who} for {format}");
        }
    }

    private static async Task<Result> ImportAsync(string kind, string file, string dbPath)
    {
        var target = DatabaseTarget.Sqlite(dbPath);
        var before = Process.GetCurrentProcess().WorkingSet64;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        long rows;
        string note;
        var gc = GcCounts.Now();
        if (kind == "read")
        {
            // The reading alone, no database: what the streamed reader itself holds.
            var alone = CompletReader.Read(file);
            rows = 1 + alone.Actions.Count() + alone.Kpis.Count() + alone.Objectives.Count() + (alone.Comments?.Count() ?? 0);
            watch.Stop();
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            return new Result(watch.Elapsed.TotalSeconds, before / 1e6, Peak(), rows, $"CPU {cpu.TotalSeconds:N2} s; complete workbook read, no database");
        }
        var startup = Stopwatch.StartNew();
        await using (var db = target.Open())
        {
            // EF Core builds its model on the first query, once per process (about 1 s here): paid before the clock, as
            // the export's steady run is, and shown in the note.
            _ = await db.Workspaces.CountAsync();
            startup.Stop();
            if (kind == "baseline")
            {
                // What a process holds once EF Core has its model and has run one query: the floor under every import.
                rows = await db.Actions.CountAsync();
                watch.Stop();
                cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
                return new Result(watch.Elapsed.TotalSeconds, before / 1e6, Peak(), rows, $"CPU {cpu.TotalSeconds:N2} s; database opened, one query, nothing imported; {Heap()}");
            }
        }
        // The first import in a process also compiles the reader, the bulk insert and EF Core's first queries of each
        // shape (a command line run pays that, a server only once): timed and shown, then a second, steady import is the
        // one reported, as the export's second run is. Rows per second is the import's own throughput.
        var cold = Stopwatch.StartNew();
        _ = await ImportOnceAsync(kind, file, target);
        cold.Stop();
        // A command line import ends here: its process peak. The steady one's peak below is the process's over both.
        var coldPeak = Peak();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        (before, cpu) = (Process.GetCurrentProcess().WorkingSet64, Process.GetCurrentProcess().TotalProcessorTime);
        gc = GcCounts.Now();
        watch.Restart();
        (rows, note) = await ImportOnceAsync(kind, file, target);
        watch.Stop();
        var peak = Peak();
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var timed = $"{GcCounts.Now().Since(gc)}; before the clock: database opened and EF Core's model built in {startup.Elapsed.TotalSeconds:N2} s, "
            + $"then a first import in {cold.Elapsed.TotalSeconds:N2} s ({rows / cold.Elapsed.TotalSeconds:N0} rows/s, process peak {coldPeak:N0} MB)";
        if (kind == "complet")
        {
            // The reading alone, timed in a pass of its own (warm by then), outside the import's time.
            var read = Stopwatch.StartNew();
            var alone = CompletReader.Read(file);
            _ = alone.Actions.Count() + alone.Kpis.Count() + alone.Objectives.Count() + (alone.Comments?.Count() ?? 0);
            read.Stop();
            note = $"reading alone {read.Elapsed.TotalSeconds:N2} s (after the timed import); {note}";
        }
        return new Result(watch.Elapsed.TotalSeconds, before / 1e6, peak, rows, $"CPU {cpu.TotalSeconds:N2} s; {note}; {timed}", cpu.TotalSeconds)
        {
            ColdSeconds = cold.Elapsed.TotalSeconds,
            ColdPeakMb = coldPeak,
        };
    }

    // One import, on a context of its own: the complete workbook's diff against the stored plan, or a foreign sheet as a new
    // plan (dry run: inserted, then rolled back). Returns the rows read and what the import said.
    private static async Task<(long Rows, string Note)> ImportOnceAsync(string kind, string file, DatabaseTarget target)
    {
        await using var db = target.Open();
        if (kind == "complet")
        {
            // Rows stream from the file into the diff: counted as they go by.
            long counted = 1;
            var sheet = CompletReader.Read(file);
            sheet = sheet with
            {
                Actions = Count(sheet.Actions),
                Kpis = Count(sheet.Kpis),
                Objectives = Count(sheet.Objectives),
                Comments = sheet.Comments is null ? null : Count(sheet.Comments),
            };
            IEnumerable<T> Count<T>(IEnumerable<T> items) => items.Select(x => { counted++; return x; });
            var diff = await new PlanUpdateService(db, TimeProvider.System).ImportAsync(sheet, apply: false, "bench");
            return (counted, $"diff {diff.Changes.Count} change(s) (an unchanged export: 0)"
                + string.Concat(diff.Changes.Take(2).Select(c => $"; {c.Kind} {c.Entity} #{c.Id} {string.Join(", ", c.Fields.Select(f => $"{f.Field}: {f.Old} → {f.New}"))}")));
        }
        var ws = await db.Workspaces.SingleAsync(w => w.Slug == "bench");
        var foreign = ForeignPlanReader.Read(file, french: false);
        var result = await new PlanIntakeService(db, TimeProvider.System).CreateAsync(ws.Id, foreign, "import", null, "bench", dryRun: true);
        var notes = foreign.Notes.Count + result.Notes.Count;
        return (result.Count, $"{kind} file, {result.Count} actions into SQLite, dry run (inserted then rolled back), {foreign.Ignored.Count} rows ignored, {notes} notes");
    }

    // What the collector did over the timed span: its pauses stop the reading thread and the inserting one alike.
    private readonly record struct GcCounts(int Gen0, int Gen1, int Gen2, TimeSpan Paused, long Allocated)
    {
        public static GcCounts Now() => new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes());

        public string Since(GcCounts start) =>
            $"collections {Gen0 - start.Gen0}/{Gen1 - start.Gen1}/{Gen2 - start.Gen2} (gen 0/1/2), paused {(Paused - start.Paused).TotalSeconds:N2} s, {(Allocated - start.Allocated) / 1e6:N0} MB allocated";
    }

    // The managed heap's share of the process: what the collector holds (live and free) and what it has committed.
    private static string Heap()
    {
        var info = GC.GetGCMemoryInfo();
        return $"managed heap {info.HeapSizeBytes / 1e6:N0} MB, committed {info.TotalCommittedBytes / 1e6:N0} MB, {GC.GetTotalMemory(false) / 1e6:N0} MB in use";
    }

    private static double Peak() => Process.GetCurrentProcess().PeakWorkingSet64 / 1e6;
}
