using Pilote.Measurements.Readers;

namespace Pilote.Tests.Measurements;

/// <summary>The real exports in ../shared/fixtures/exports, and a reader over them.</summary>
public static class Fixtures
{
    public static string Folder { get; } = Find();

    public static string File(string source, string name) => Path.Combine(Folder, source, name);

    private static string Find()
    {
        if (Environment.GetEnvironmentVariable("PILOTE_FIXTURES") is { Length: > 0 } env)
            return env;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "..", "shared", "fixtures", "exports");
            if (Directory.Exists(candidate))
                return Path.GetFullPath(candidate);
        }
        return "/work/shared/fixtures/exports";
    }

    /// <summary>A real export as Excel saves it again (tests/fixtures/excel-resaved, made by make.py there from the real ones).</summary>
    public static string Resaved(string source, string name, string variant)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var folder = Path.Combine(dir.FullName, "tests", "fixtures", "excel-resaved");
            if (Directory.Exists(folder))
                return Path.Combine(folder, $"{source}__{Path.GetFileNameWithoutExtension(name)}.{variant}.csv");
        }
        throw new DirectoryNotFoundException("tests/fixtures/excel-resaved");
    }

    /// <summary>Reads a file with the source it is detected as; the rows, and what the reader learned.</summary>
    public static (List<ExportRow> Rows, ExportInfo Info) Read(string path, string? source = null, Func<string, string?>? metricOf = null)
    {
        var resolved = ExportSources.Resolve(path, source);
        var info = new ExportInfo(Path.GetFileName(path), resolved);
        var rows = ExportSources.Reader(resolved, metricOf ?? (_ => null)).Read(path, info).ToList();
        return (rows, info);
    }

    public static decimal Sum(this IEnumerable<ExportRow> rows, string metric) =>
        rows.SelectMany(r => r.Values).Where(v => v.Metric == metric).Sum(v => v.Value);

    public static decimal? Value(this ExportRow row, string metric) =>
        row.Values.Where(v => v.Metric == metric).Select(v => (decimal?)v.Value).FirstOrDefault();

    /// <summary>A file the test writes, in a fresh temporary folder.</summary>
    public static string Write(string name, string text, System.Text.Encoding? encoding = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "pilote-exports", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        System.IO.File.WriteAllText(path, text, encoding ?? new System.Text.UTF8Encoding(false));
        return path;
    }
}
