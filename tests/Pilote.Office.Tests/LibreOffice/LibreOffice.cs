using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Pilote.Office.Tests.LibreOffice;

/// <summary>One formula cell as LibreOffice computed it.</summary>
public sealed record FormulaCell(string Sheet, string Cell, string Formula, double Value, string Text, int Error);

/// <summary>
/// LibreOffice headless, the independent calculator the workbooks are checked against. Each run gets a fresh user
/// profile so parallel tests never share one. The tests need it: a machine without it fails them with the reason.
/// </summary>
public static class LibreOfficeRunner
{
    public const string Soffice = "/usr/bin/soffice";
    private const string Python = "/usr/bin/python3";

    /// <summary>Recalculates every formula as opened, then again after the edits ("Sheet!K5=Terminé").</summary>
    public static async Task<(List<FormulaCell> Before, List<FormulaCell> After)> RecalculateAsync(string workbook, params string[] edits)
    {
        Require();
        var profile = NewProfile();
        try
        {
            var script = Path.Combine(AppContext.BaseDirectory, "LibreOffice", "recalc.py");
            // A hung LibreOffice must not hang the run, but a busy machine (two test runs at once) took over 3 minutes
            // to recalculate the complete workbook: the limit is generous.
            var output = await RunAsync(Python, [script, workbook, profile, .. edits], TimeSpan.FromMinutes(8));
            using var json = JsonDocument.Parse(output);
            return (Read(json.RootElement.GetProperty("before")), Read(json.RootElement.GetProperty("after")));
        }
        finally
        {
            DeleteQuietly(profile);
        }
    }

    /// <summary>Renders every sheet to PNG pages (LibreOffice to PDF, then pdftoppm) and returns the pages in order.</summary>
    public static async Task<List<string>> RenderPngAsync(string workbook, string folder, int dpi = 80)
    {
        Require();
        Assert.True(File.Exists("/usr/bin/pdftoppm"), "pdftoppm is missing: apt-get install poppler-utils");
        var profile = NewProfile();
        try
        {
            await RunAsync(Soffice, [$"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir", folder, workbook],
                TimeSpan.FromMinutes(8));
        }
        finally
        {
            DeleteQuietly(profile);
        }
        var pdf = Path.Combine(folder, Path.GetFileNameWithoutExtension(workbook) + ".pdf");
        Assert.True(File.Exists(pdf), $"LibreOffice wrote no PDF for {workbook}");
        var prefix = Path.Combine(folder, "page");
        await RunAsync("/usr/bin/pdftoppm", ["-r", dpi.ToString(), "-png", pdf, prefix], TimeSpan.FromMinutes(1));
        return [.. Directory.GetFiles(folder, "page-*.png").Order(StringComparer.Ordinal)];
    }

    /// <summary>The text of a PDF as laid out on its pages (pdftotext -layout): what a reader sees, line by line.</summary>
    public static async Task<string> PdfTextAsync(string pdf)
    {
        Assert.True(File.Exists("/usr/bin/pdftotext"), "pdftotext is missing: apt-get install poppler-utils");
        return await RunAsync("/usr/bin/pdftotext", ["-layout", pdf, "-"], TimeSpan.FromMinutes(1));
    }

    /// <summary>Each page of a PDF with its height and its words' boxes, in points from the page's top (pdftotext -bbox).</summary>
    public static async Task<List<PdfPage>> PdfWordsAsync(string pdf)
    {
        Assert.True(File.Exists("/usr/bin/pdftotext"), "pdftotext is missing: apt-get install poppler-utils");
        var xhtml = await RunAsync("/usr/bin/pdftotext", ["-bbox", pdf, "-"], TimeSpan.FromMinutes(1));
        static double D(Group g) => double.Parse(g.Value, System.Globalization.CultureInfo.InvariantCulture);
        return [.. Regex.Matches(xhtml, @"<page width=""([\d.]+)"" height=""([\d.]+)"">(.*?)</page>", RegexOptions.Singleline)
            .Select(p => new PdfPage(D(p.Groups[2]), [.. Regex.Matches(p.Groups[3].Value,
                    @"<word xMin=""([\d.]+)"" yMin=""([\d.]+)"" xMax=""([\d.]+)"" yMax=""([\d.]+)"">([^<]*)</word>")
                .Select(w => new PdfWord(System.Net.WebUtility.HtmlDecode(w.Groups[5].Value), D(w.Groups[2]), D(w.Groups[4])))]))];
    }

    /// <summary>Opens the workbook in LibreOffice and saves it again as .xlsx in the folder, as a person saving an edit would.</summary>
    public static async Task<string> ResaveAsync(string workbook, string folder)
    {
        Require();
        var profile = NewProfile();
        try
        {
            await RunAsync(Soffice, [$"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "xlsx", "--outdir", folder, workbook],
                TimeSpan.FromMinutes(8));
        }
        finally
        {
            DeleteQuietly(profile);
        }
        var saved = Path.Combine(folder, Path.GetFileName(workbook));
        Assert.True(File.Exists(saved), $"LibreOffice wrote no copy of {workbook}");
        return saved;
    }

    private static void Require() => Assert.True(File.Exists(Soffice),
        "LibreOffice is missing: apt-get install libreoffice-calc-nogui python3-uno (CI installs it through .ci/run)");

    private static string NewProfile() => Path.Combine(Path.GetTempPath(), "pilote-lo", Guid.NewGuid().ToString("N"));

    private static List<FormulaCell> Read(JsonElement items) => [.. items.EnumerateArray().Select(e => new FormulaCell(
        e.GetProperty("sheet").GetString()!, e.GetProperty("cell").GetString()!, e.GetProperty("formula").GetString()!,
        e.GetProperty("value").GetDouble(), e.GetProperty("text").GetString()!, e.GetProperty("error").GetInt32()))];

    private static async Task<string> RunAsync(string file, string[] args, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not finish within {timeout}");
        }
        var output = await stdout;
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)} exited {process.ExitCode}: {await stderr}");
        return output;
    }

    private static void DeleteQuietly(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

public sealed record PdfWord(string Text, double YMin, double YMax);

public sealed record PdfPage(double Height, IReadOnlyList<PdfWord> Words);
