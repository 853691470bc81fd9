using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Pilote.Data;

namespace Pilote.Benchmarks.Excel;

/// <summary>
/// <c>excel [--actions 100000] [--folder DIR] [--repeat 1] [--seed-only] [--export-only] [--format kpi-driven|complet]</c>: exports a generated plan as the kpi-driven and the
/// complete workbook, side by side with the bare OpenXmlWriter loop (the floor), XlsxWriter (constant_memory) and
/// openpyxl (write_only) writing the same cells, each in its own process; then imports the files back. Prints seconds,
/// peak memory and the ratios the goals are stated in.
/// </summary>
public static class ExcelBench
{
    private static readonly string Python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    public static async Task<int> RunAsync(string[] args)
    {
        var count = Option(args, "--actions") is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : 100_000;
        var repeat = Option(args, "--repeat") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : 1;
        var folder = Option(args, "--folder") ?? Directory.CreateTempSubdirectory("pilote-excel-bench-").FullName;
        Directory.CreateDirectory(folder);
        var dbPath = ExcelPlan.DbPath(folder, count);
        var planIdFile = dbPath + ".plan";
        if (!File.Exists(planIdFile))
        {
            var watch = Stopwatch.StartNew();
            var target = DatabaseTarget.Sqlite(dbPath);
            await target.MigrateAsync();
            var id = await ExcelPlan.SeedAsync(target, count);
            await File.WriteAllTextAsync(planIdFile, id.ToString(CultureInfo.InvariantCulture));
            Console.WriteLine($"seeded {dbPath}: {count:N0} actions in {watch.Elapsed.TotalSeconds:N0} s");
        }
        var planId = await File.ReadAllTextAsync(planIdFile);
        if (args.Contains("--seed-only"))
            return 0;
        var script = FindScript();
        Console.WriteLine($"{count:N0} actions; {Environment.ProcessorCount} cores; .NET {Environment.Version}; folder {folder}");

        var summary = new List<string>();
        (string Kind, string File)[] kinds = [("complet", "complet.pilote.xlsx"), ("foreign", "kpi-driven.pilote.xlsx"), ("csv", "plan.csv")];
        foreach (var format in Option(args, "--format") is { } only ? [only] : new[] { "kpi-driven", "complet" })
        {
            var cells = Path.Combine(folder, $"{format}.cells.tsv");
            Child(["export", "cells", format, dbPath, planId, cells]);
            var results = new List<(string Name, ExcelChild.Result R)>
            {
                ("pilote", Best(repeat, () => Child(["export", "pilote", format, dbPath, planId, Path.Combine(folder, $"{format}.pilote.xlsx")]))),
                ("floor (bare OpenXmlWriter)", Best(repeat, () => Child(["export", "floor", format, dbPath, planId, Path.Combine(folder, $"{format}.floor.xlsx")]))),
                ("xlsxwriter constant_memory", Best(repeat, () => Peer("xlsxwriter", script, cells, Path.Combine(folder, $"{format}.xlsxwriter.xlsx")))),
                ("openpyxl write_only", Best(repeat, () => Peer("openpyxl", script, cells, Path.Combine(folder, $"{format}.openpyxl.xlsx")))),
            };
            var pilote = results[0].R;
            var floor = results[1].R;
            Console.WriteLine();
            Console.WriteLine($"export {format}: {pilote.Rows:N0} actions");
            Console.WriteLine($"{"contender",-30} {"seconds",8} {"× pilote",9} {"CPU s",7} {"peak MB",8} {"before MB",9}  note");
            foreach (var (name, x) in results)
                Console.WriteLine($"{name,-30} {x.Seconds,8:N2} {x.Seconds / pilote.Seconds,9:N2} {x.CpuSeconds,7:N2} {x.PeakMb,8:N0} {x.BeforeMb,9:N0}  {x.Note}");
            summary.Add($"{format}: {results[2].R.Seconds / pilote.Seconds:N2}× XlsxWriter's speed (goal ≥ 2), "
                + $"{results[3].R.Seconds / pilote.Seconds:N2}× openpyxl's (goal ≥ 3), {pilote.Seconds / floor.Seconds:N2}× the floor's time "
                + $"and {pilote.PeakMb / floor.PeakMb:N2}× its peak memory (goals ≤ 1.2; memory growth while writing "
                + $"{pilote.PeakMb - pilote.BeforeMb:N0} MB vs {floor.PeakMb - floor.BeforeMb:N0} MB)");
        }

        if (args.Contains("--export-only"))
            kinds = [];
        else
            Child(["export", "pilote", "csv", dbPath, planId, Path.Combine(folder, "plan.csv")]);
        Console.WriteLine();
        Console.WriteLine($"{"import",-30} {"seconds",8} {"rows/s",10} {"peak MB",8} {"start MB",9}  note");
        foreach (var (kind, file) in kinds)
        {
            var x = Best(repeat, () => Child(["import", kind, Path.Combine(folder, file), dbPath]));
            Console.WriteLine($"{kind + " (" + file + ")",-30} {x.Seconds,8:N2} {x.Rows / x.Seconds,10:N0} {x.PeakMb,8:N0} {x.BeforeMb,9:N0}  {x.Note}");
            summary.Add($"import {kind}: {x.Rows / x.Seconds:N0} rows/s steady, {x.Rows / x.ColdSeconds:N0} as a process's first import "
                + $"(goal ≥ 50 000), process peak {x.PeakMb:N0} MB, {x.ColdPeakMb:N0} MB after a first import (goal < 100), "
                + $"{x.PeakMb - x.BeforeMb:N0} MB over what the process held before the steady import");
        }
        Console.WriteLine();
        foreach (var line in summary)
            Console.WriteLine(line);
        return 0;
    }

    private static ExcelChild.Result Best(int repeat, Func<ExcelChild.Result> run) =>
        Enumerable.Range(0, repeat).Select(_ => run()).MinBy(r => r.Seconds)!;

    // Started as "dotnet Pilote.Benchmarks.dll", the process is the dotnet host: the child needs the assembly named.
    private static ExcelChild.Result Child(string[] args) =>
        Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet"
            ? Run(Environment.ProcessPath!, [typeof(ExcelBench).Assembly.Location, "excel-child", .. args])
            : Run(Environment.ProcessPath!, ["excel-child", .. args]);

    private static ExcelChild.Result Peer(string which, string script, string cells, string output) =>
        Run(Python, [script, which, cells, output]);

    private static ExcelChild.Result Run(string program, string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
            info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEnd();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        var line = stdout.Split('\n').LastOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', args)} failed ({process.ExitCode}):\n{stdout}\n{stderr}");
        return JsonSerializer.Deserialize<ExcelChild.Result>(line["RESULT ".Length..])!;
    }

    private static string FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "benchmarks", "excel_peers.py")))
                return Path.Combine(dir.FullName, "benchmarks", "excel_peers.py");
        throw new FileNotFoundException("benchmarks/excel_peers.py not found above " + AppContext.BaseDirectory);
    }

    private static string? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
